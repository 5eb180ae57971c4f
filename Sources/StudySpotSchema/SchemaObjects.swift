import StudySpotCore

/// A table the console reads, with the columns it cannot do without. A table
/// that exists is adopted as it is (extra columns, rows, triggers and all);
/// one that lacks a required column stops `schema apply` on its shard.
public struct SchemaTable: Sendable {
    public var schema: String
    public var name: String
    public var columns: [String]
    public var create: String
    public var qualified: String { "\(schema).\(name)" }
}

/// One thing the console's schema needs that is not a table: a role, an
/// index, a function, a trigger, row-level security, a policy, a grant.
/// `probe` is a statement answering one boolean `present`; `sql` creates it.
/// Every name here is a compile-time constant of this file: nothing from a
/// configuration or a database is spliced into either.
public struct SchemaObject: Sendable {
    public var name: String
    public var probe: String
    public var sql: String
}

/// A versioned part of the schema, applied to shards by their role.
public struct SchemaComponent: Sendable {
    public var name: String
    public var version: Int
    /// Made before the tables (a schema they live in).
    public var before: [SchemaObject] = []
    public var tables: [SchemaTable]
    /// In creation order, after the tables.
    public var objects: [SchemaObject]
}

/// The schema the console needs (CONTRACT §3): what must exist on each
/// shard, declared once, so that `schema apply` (create what is missing) and
/// `doctor` (report what is missing) read the same list.
public enum ConsoleSchema {
    /// The group role every owner login role belongs to; policies are granted to it.
    public static let ownerGroupRole = "studyspot_owner"
    /// The bookings notification channel.
    public static let channel = "studyspot_bookings"

    /// The components a shard of this role carries, in apply order.
    public static func components(for shard: ShardConfig, in topology: Topology) -> [SchemaComponent] {
        switch shard.role {
        case .catalog: return [catalog]
        case .archive: return [ownerMap, archive]
        case .users:
            return topology.opsShard?.name == shard.name ? [ownerMap, users, ops] : [ownerMap, users]
        }
    }

    /// Where `schema apply` records what it applied; its own, created when missing.
    static let versionTable = SchemaTable(schema: "public", name: "studyspot_schema_version", columns: ["component", "version"], create: """
        CREATE TABLE studyspot_schema_version (
          component text PRIMARY KEY,
          version int NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        );
        """)
    /// Which tables the platform already had when the component was applied:
    /// the version says what the console added, not who made the tables.
    static let versionAdoptedColumn = SchemaObject(
        name: "studyspot_schema_version.adopted",
        probe: "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.studyspot_schema_version') AND attname = 'adopted' AND NOT attisdropped) AS present",
        sql: "ALTER TABLE studyspot_schema_version ADD COLUMN adopted text[] NOT NULL DEFAULT '{}';")

    // MARK: building blocks

    static let roleExists = "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyspot_owner')"

    static let ownerRole = SchemaObject(
        name: "role studyspot_owner",
        probe: "SELECT CASE WHEN \(roleExists) THEN has_schema_privilege('studyspot_owner', 'public', 'USAGE') ELSE false END AS present",
        // Roles are per server: two shards of one server, or two runs at once, may race to create it.
        sql: """
        DO $$ BEGIN
          CREATE ROLE studyspot_owner NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN NULL;
        END $$;
        GRANT USAGE ON SCHEMA public TO studyspot_owner;
        """)

    static func index(_ name: String, _ definition: String) -> SchemaObject {
        SchemaObject(name: "index \(name)", probe: "SELECT to_regclass('public.\(name)') IS NOT NULL AS present",
                     sql: "CREATE INDEX IF NOT EXISTS \(name) ON \(definition);")
    }

    static func function(_ name: String, _ sql: String) -> SchemaObject {
        SchemaObject(name: "function \(name)()", probe: "SELECT to_regprocedure('public.\(name)()') IS NOT NULL AS present", sql: sql)
    }

    /// A trigger of the console's own, found by its name: the platform's own
    /// triggers on the same table are left as they are.
    static func trigger(_ name: String, on table: String, _ sql: String) -> SchemaObject {
        SchemaObject(name: "trigger \(name) on \(table)", probe: """
            SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('public.\(table)') AND tgname = '\(name)' AND NOT tgisinternal) AS present
            """, sql: sql)
    }

    static func policyExists(_ table: String, _ policy: String) -> String {
        "EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = '\(table)' AND policyname = '\(policy)')"
    }

    static func rowSecurityOn(_ table: String) -> String {
        "COALESCE((SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('public.\(table)')), false)"
    }

    /// Owner confinement of one table: SELECT for owners, row-level security,
    /// and the owners' policy. Turning row-level security on would hide every
    /// row from the platform's own roles that do not own the table (an API's
    /// role, say), so it comes with `studyspot_others`, which lets every role
    /// that is not an owner see and write what its grants allowed before.
    /// A table whose row-level security the platform already runs keeps its
    /// policies, gets no `studyspot_others` (that would widen them) and gets a
    /// restrictive `owner_confine`, so a platform policy for PUBLIC cannot
    /// widen what an owner sees.
    static func confinement(_ table: String, policy: String, using expr: String, grant: String? = nil) -> [SchemaObject] {
        // In a sub-select, it is evaluated once per statement, not once per row.
        let notOwner = "(SELECT NOT pg_has_role(current_user, 'studyspot_owner', 'MEMBER'))"
        let grantSQL = grant ?? "GRANT SELECT ON \(table) TO studyspot_owner;"
        let privilege = grant == nil
            ? "has_table_privilege('studyspot_owner', 'public.\(table)', 'SELECT')"
            : "has_column_privilege('studyspot_owner', 'public.\(table)', 'display_name', 'SELECT')"
        return [
            SchemaObject(name: "grant of SELECT on \(table) to studyspot_owner", probe: """
                SELECT CASE WHEN \(roleExists) AND to_regclass('public.\(table)') IS NOT NULL THEN \(privilege) ELSE false END AS present
                """, sql: grantSQL),
            SchemaObject(name: "row-level security on \(table)", probe: "SELECT \(rowSecurityOn(table)) AS present", sql: """
                ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
                CREATE POLICY studyspot_others ON \(table) TO PUBLIC USING (\(notOwner)) WITH CHECK (\(notOwner));
                """),
            SchemaObject(name: "policy \(policy) on \(table)", probe: "SELECT \(policyExists(table, policy)) AS present", sql: """
                CREATE POLICY \(policy) ON \(table) FOR SELECT TO studyspot_owner USING (\(expr));
                """),
            SchemaObject(name: "policy owner_confine on \(table)", probe: """
                SELECT NOT \(rowSecurityOn(table)) OR \(policyExists(table, "studyspot_others")) OR \(policyExists(table, "owner_confine")) AS present
                """, sql: """
                CREATE POLICY owner_confine ON \(table) AS RESTRICTIVE FOR SELECT TO studyspot_owner USING (\(expr));
                """),
        ]
    }

    // MARK: components

    static let catalog = SchemaComponent(name: "catalog", version: 2, tables: [
        SchemaTable(schema: "public", name: "owners", columns: ["id", "display_name", "db_role"], create: """
            CREATE TABLE owners (
              id bigint PRIMARY KEY,
              display_name text NOT NULL,
              db_role text UNIQUE
            );
            """),
        SchemaTable(schema: "public", name: "libraries", columns: ["id", "name", "city", "owner_id", "timezone", "active"], create: """
            CREATE TABLE libraries (
              id bigint PRIMARY KEY,
              name text NOT NULL,
              city text NOT NULL,
              owner_id bigint NOT NULL REFERENCES owners,
              timezone text NOT NULL DEFAULT 'Asia/Kolkata',
              active boolean NOT NULL DEFAULT true
            );
            """),
        SchemaTable(schema: "public", name: "seats", columns: ["id", "library_id", "label", "zone", "row_no", "col_no", "kind", "state"], create: """
            CREATE TABLE seats (
              id bigint PRIMARY KEY,
              library_id bigint NOT NULL REFERENCES libraries,
              label text NOT NULL,
              zone text NOT NULL DEFAULT 'Main',
              row_no int NOT NULL,
              col_no int NOT NULL,
              kind text NOT NULL DEFAULT 'standard',
              state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','maintenance','retired'))
            );
            """),
    ], objects: [
        ownerRole,
        index("libraries_owner_idx", "libraries (owner_id)"),
        index("libraries_lower_name_idx", "libraries (lower(name) text_pattern_ops)"),
        index("libraries_lower_city_idx", "libraries (lower(city) text_pattern_ops)"),
        index("seats_library_idx", "seats (library_id, zone, row_no, col_no)"),
    ]
    // An owner's login role sees its own owner row, its libraries and their seats; no write policy exists.
    + confinement("owners", policy: "owner_self", using: "db_role = current_user")
    + confinement("libraries", policy: "owner_libraries", using: "owner_id = (SELECT o.id FROM owners o WHERE o.db_role = current_user)")
    + confinement("seats", policy: "owner_seats", using: "library_id IN (SELECT l.id FROM libraries l)"))

    // Users and archive shards have no owners table: this map tells their
    // policies which owner a login role is. `schema apply` fills it from the catalog.
    static let ownerMap = SchemaComponent(name: "owner-map", version: 2, tables: [
        SchemaTable(schema: "public", name: "studyspot_owner_roles", columns: ["db_role", "owner_id"], create: """
            CREATE TABLE studyspot_owner_roles (
              db_role text PRIMARY KEY,
              owner_id bigint NOT NULL
            );
            """),
    ], objects: [ownerRole] + confinement("studyspot_owner_roles", policy: "owner_role_self", using: "db_role = current_user"))

    static let ownerOfRole = "owner_id = (SELECT m.owner_id FROM studyspot_owner_roles m WHERE m.db_role = current_user)"

    static let users = SchemaComponent(name: "users", version: 4, tables: [
        SchemaTable(schema: "public", name: "users", columns: ["id", "display_name", "email", "phone", "created_at"], create: """
            CREATE TABLE users (
              id bigint PRIMARY KEY,
              display_name text NOT NULL,
              email text,
              phone text,
              created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        SchemaTable(schema: "public", name: "bookings", columns: [
            "id", "user_id", "library_id", "owner_id", "seat_id", "starts_at", "ends_at", "status", "amount_paise", "created_at", "updated_at",
        ], create: """
            CREATE TABLE bookings (
              id bigint PRIMARY KEY,
              user_id bigint NOT NULL REFERENCES users,
              library_id bigint NOT NULL,
              owner_id bigint NOT NULL,
              seat_id bigint NOT NULL,
              starts_at timestamptz NOT NULL,
              ends_at timestamptz NOT NULL,
              status text NOT NULL CHECK (status IN ('reserved','checked_in','completed','cancelled','no_show')),
              amount_paise integer NOT NULL DEFAULT 0,
              created_at timestamptz NOT NULL DEFAULT now(),
              updated_at timestamptz NOT NULL DEFAULT now()
            );
            """),
    ], objects: [
        ownerRole,
        // The feed reads by updated_at; seat maps by library, seat and time; counts by start.
        index("bookings_updated_at_idx", "bookings (updated_at)"),
        index("bookings_user_idx", "bookings (user_id)"),
        index("bookings_owner_updated_idx", "bookings (owner_id, updated_at)"),
        index("bookings_library_seat_idx", "bookings (library_id, seat_id, starts_at)"),
        index("bookings_starts_at_idx", "bookings (starts_at)"),
        // The feed's start-up reads the status of every booking of today (tens of
        // thousands at 10x): with id and status in the index it is an index-only
        // scan, 12 ms instead of 266 ms of heap visits on the 10x planetscale shard.
        index("bookings_today_tally_idx", "bookings (starts_at) INCLUDE (id, status)"),
        // The charts' read-back at start counts today's bookings by the minute
        // they were made. Through bookings_updated_at_idx it visited every row
        // touched today (14,600 heap blocks, 149 ms warm and 1.35 s cold on
        // the 10x planetscale shard, growing with the day); by created_at it
        // is an index scan of today's rows, 22 ms. It costs ~21 bytes a
        // booking (78 MB of 3.7 M rows at 10x): Benchmarks/README.md,
        // "Footprint: start-up on a grown day".
        index("bookings_created_at_idx", "bookings (created_at)"),
        // An update that leaves updated_at alone still counts as a change for the feed's catch-up.
        function("studyspot_bookings_touch", """
            CREATE OR REPLACE FUNCTION studyspot_bookings_touch() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
                NEW.updated_at := clock_timestamp();
              END IF;
              RETURN NEW;
            END $f$;
            """),
        trigger("studyspot_bookings_touch", on: "bookings", """
            CREATE TRIGGER studyspot_bookings_touch BEFORE UPDATE ON bookings
              FOR EACH ROW EXECUTE FUNCTION studyspot_bookings_touch();
            """),
        // The payload only says which row to read again: every listener hears it,
        // so it carries nothing an owner may not see.
        function("studyspot_bookings_notify", """
            CREATE OR REPLACE FUNCTION studyspot_bookings_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              PERFORM pg_notify('studyspot_bookings', json_build_object('id', NEW.id, 'op', TG_OP)::text);
              RETURN NULL;
            END $f$;
            """),
        notifyTrigger,
    ]
    + confinement("bookings", policy: "owner_bookings", using: ownerOfRole)
    // Owners see the names of their own customers only (no e-mail, no phone).
    + confinement("users", policy: "owner_customers", using: "EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = users.id)",
                  grant: "GRANT SELECT (id, display_name) ON users TO studyspot_owner;"))

    /// The trigger the booking feed depends on; `doctor` looks for it by this name.
    public static let notifyTrigger = trigger("studyspot_bookings_notify", on: "bookings", """
        CREATE TRIGGER studyspot_bookings_notify AFTER INSERT OR UPDATE ON bookings
          FOR EACH ROW EXECUTE FUNCTION studyspot_bookings_notify();
        """)

    static let ops = SchemaComponent(name: "ops", version: 2, before: [opsSchema], tables: [
        SchemaTable(schema: "ops", name: "usage_samples", columns: ["provider", "resource", "used", "unit", "period_start", "observed_at"], create: """
            CREATE TABLE ops.usage_samples (
              provider text NOT NULL,
              resource text NOT NULL,
              used double precision NOT NULL,
              unit text NOT NULL,
              period_start date NOT NULL,
              observed_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        SchemaTable(schema: "ops", name: "audit_log", columns: ["id", "at", "actor", "role", "action", "target", "detail"], create: """
            CREATE TABLE ops.audit_log (
              id bigserial PRIMARY KEY,
              at timestamptz NOT NULL DEFAULT now(),
              actor text NOT NULL,
              role text NOT NULL,
              action text NOT NULL,
              target text NOT NULL,
              detail jsonb
            );
            """),
        // What `studyspot collect` last found per provider account: the
        // Quotas pane's "401 token refused since 09:12" (CONTRACT §9).
        SchemaTable(schema: "ops", name: "collector_status", columns: [
            "provider", "account", "last_success_at", "failing_since", "http_status", "error", "retry_at",
            "calls_day", "calls", "updated_at",
        ], create: """
            CREATE TABLE ops.collector_status (
              provider text NOT NULL,
              account text NOT NULL DEFAULT '',
              last_success_at timestamptz,
              failing_since timestamptz,
              http_status int,
              error text,
              retry_at timestamptz,
              calls_day date,
              calls int NOT NULL DEFAULT 0,
              updated_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (provider, account)
            );
            """),
    ], objects: usageSampleColumns + [
        SchemaObject(name: "index usage_samples_lookup_idx", probe: "SELECT to_regclass('ops.usage_samples_lookup_idx') IS NOT NULL AS present",
                     sql: "CREATE INDEX IF NOT EXISTS usage_samples_lookup_idx ON ops.usage_samples (provider, resource, observed_at);"),
    ])

    /// The console's own columns on the platform's metering table, added when
    /// missing (nullable: rows the platform writes leave them NULL, which reads
    /// as "the platform's metering" and the provider's only account).
    static let usageSampleColumns: [SchemaObject] = [
        ("account", "text"), ("source", "text"), ("limit_amount", "double precision"),
    ].map { column, type in
        SchemaObject(name: "column ops.usage_samples.\(column)", probe: """
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
              WHERE table_schema = 'ops' AND table_name = 'usage_samples' AND column_name = '\(column)') AS present
            """, sql: "ALTER TABLE ops.usage_samples ADD COLUMN IF NOT EXISTS \(column) \(type);")
    }

    /// Made before the ops tables when missing; an existing ops schema keeps its privileges.
    static let opsSchema = SchemaObject(name: "schema ops", probe: "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'ops') AS present", sql: """
        CREATE SCHEMA ops;
        REVOKE ALL ON SCHEMA ops FROM PUBLIC;
        """)

    static let archive = SchemaComponent(name: "archive", version: 2, tables: [
        SchemaTable(schema: "public", name: "archived_bookings", columns: [
            "id", "user_id", "library_id", "owner_id", "seat_id", "starts_at", "ends_at", "status", "amount_paise", "created_at", "updated_at", "archived_at",
        ], create: """
            CREATE TABLE archived_bookings (
              id bigint PRIMARY KEY,
              user_id bigint NOT NULL,
              library_id bigint NOT NULL,
              owner_id bigint NOT NULL,
              seat_id bigint NOT NULL,
              starts_at timestamptz NOT NULL,
              ends_at timestamptz NOT NULL,
              status text NOT NULL CHECK (status IN ('reserved','checked_in','completed','cancelled','no_show')),
              amount_paise integer NOT NULL DEFAULT 0,
              created_at timestamptz NOT NULL DEFAULT now(),
              updated_at timestamptz NOT NULL DEFAULT now(),
              archived_at timestamptz NOT NULL DEFAULT now()
            );
            """),
    ], objects: [
        ownerRole,
        index("archived_bookings_owner_idx", "archived_bookings (owner_id, starts_at)"),
        index("archived_bookings_starts_at_idx", "archived_bookings (starts_at)"),
    ] + confinement("archived_bookings", policy: "owner_archived", using: ownerOfRole))
}
