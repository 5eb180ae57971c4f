import StudySpotCore
import StudySpotWire

/// A column the console needs that a shard's existing table lacks.
public struct MissingColumn: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var column: String
    public init(table: String, column: String) { self.table = table; self.column = column }
    public var description: String { "\(table).\(column)" }
}

/// What one shard lacks of the console's schema, read from its catalogs
/// without changing anything.
public struct SchemaPlan: Sendable {
    public struct Step: Sendable {
        public var component: String
        public var name: String
        public var sql: String
    }

    public var steps: [Step] = []
    /// Tables the platform already had, by component.
    public var adopted: [String: [String]] = [:]
    public var missingColumns: [MissingColumn] = []
    /// component → version recorded on the shard (0 when none).
    public var recorded: [String: Int] = [:]
    /// Objects missing, by name, for `doctor`: tables, triggers, row-level security, policies, indexes.
    public var missing: [String] { steps.map(\.name) }

    public var sql: String { steps.map(\.sql).joined(separator: "\n") }
}

/// Reads a shard's catalogs and says what `schema apply` would do there.
public enum SchemaInspector {
    /// Every probe is a constant of `ConsoleSchema` (no data spliced in);
    /// table names travel as parameters.
    public static func plan(_ conn: PGConnection, components: [SchemaComponent]) throws -> SchemaPlan {
        var plan = SchemaPlan()
        var seen = Set<String>()
        func add(_ component: String, _ object: SchemaObject) throws {
            guard !seen.contains(object.name) else { return }
            seen.insert(object.name)
            let present = try conn.query(object.probe).first?["present"] == "t"
            if !present { plan.steps.append(.init(component: component, name: object.name, sql: object.sql)) }
        }
        let versionTable = ConsoleSchema.versionTable
        let hasVersionTable = try tableExists(conn, versionTable.qualified)
        if !hasVersionTable { plan.steps.append(.init(component: "version", name: "table \(versionTable.qualified)", sql: versionTable.create)) }
        try add("version", ConsoleSchema.versionAdoptedColumn)
        if hasVersionTable {
            for row in try conn.query("SELECT component, version FROM studyspot_schema_version").rows {
                plan.recorded[try row.string("component")] = Int(try row.int("version"))
            }
        }
        for component in components {
            for object in component.before { try add(component.name, object) }
            for table in component.tables {
                if try tableExists(conn, table.qualified) {
                    plan.adopted[component.name, default: []].append(table.qualified)
                    let have = Set(try conn.query("""
                        SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped
                        """, [table.qualified]).rows.map { try $0.string("attname") })
                    for column in table.columns where !have.contains(column) {
                        plan.missingColumns.append(MissingColumn(table: table.qualified, column: column))
                    }
                } else {
                    plan.steps.append(.init(component: component.name, name: "table \(table.qualified)", sql: table.create))
                }
            }
            for object in component.objects { try add(component.name, object) }
        }
        return plan
    }

    static func tableExists(_ conn: PGConnection, _ qualified: String) throws -> Bool {
        try conn.query("SELECT to_regclass($1) IS NOT NULL AS present", [qualified]).first?["present"] == "t"
    }
}
