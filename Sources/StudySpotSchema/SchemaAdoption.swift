import StudySpotWire

/// Runs a plan's steps on the connection whose transaction inspected it.
/// Steps only create (tables, indexes, functions, triggers, policies, grants)
/// or enable row-level security: nothing is dropped, altered away or
/// rewritten, so every row and column the platform has stays as it was.
enum SchemaAdoption {
    static func run(_ plan: SchemaPlan, on conn: PGConnection) throws {
        for step in plan.steps {
            try conn.execute(script: step.sql)
        }
    }
}
