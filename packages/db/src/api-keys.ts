import type { Pool } from 'pg';

/** An API key as stored: everything but the key itself, of which only a hash is kept. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: string[];
  /** The last characters of the key, to tell keys apart. */
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What creating a key stores: the hash of the key (32 bytes, SHA-256), never the key. */
export interface NewApiKey {
  name: string;
  scopes: string[];
  secretHash: Buffer;
  hint: string;
}

/** Another active key has this name. */
export class ApiKeyNameTakenError extends Error {
  override name = 'ApiKeyNameTakenError';
  constructor(readonly keyName: string) {
    super(`an active API key is already named "${keyName}"`);
  }
}

interface ApiKeyRow {
  id: string;
  name: string;
  scopes: string[];
  hint: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, scopes, hint, created_at, last_used_at, revoked_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    hint: row.hint,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Stores a new key; ApiKeyNameTakenError when an active key already has the name. */
export async function createApiKey(pool: Pool, key: NewApiKey): Promise<ApiKeyRecord> {
  try {
    const { rows } = await pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (name, scopes, secret_hash, hint) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [key.name, key.scopes, key.secretHash, key.hint],
    );
    return toRecord(rows[0]!);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === UNIQUE_VIOLATION && constraint === 'api_keys_active_name_idx') throw new ApiKeyNameTakenError(key.name);
    throw error;
  }
}

/** Every key, oldest first; revoked ones only with `includeRevoked`. */
export async function listApiKeys(pool: Pool, options: { includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
  const where = options.includeRevoked ? '' : 'WHERE revoked_at IS NULL';
  const { rows } = await pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ${where} ORDER BY created_at, id`);
  return rows.map(toRecord);
}

/**
 * Revokes the key with this ID, or the active key with this name. Revoking a revoked key (by ID)
 * keeps its first revocation time. Null when no such key.
 */
export async function revokeApiKey(pool: Pool, nameOrId: string, at: Date = new Date()): Promise<ApiKeyRecord | null> {
  const byId = UUID.test(nameOrId);
  const { rows } = await pool.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2)
      WHERE ${byId ? 'id = $1::uuid' : 'name = $1 AND revoked_at IS NULL'}
      RETURNING ${COLUMNS}`,
    [nameOrId, at],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The active (not revoked) key whose hash this is, or null. */
export async function findApiKeyByHash(pool: Pool, secretHash: Buffer): Promise<ApiKeyRecord | null> {
  const { rows } = await pool.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL`,
    [secretHash],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Records that key `id` was used at `at`, unless that was already recorded less than `minIntervalMs`
 * earlier (by this process or another): at most one write per key and interval. True when written.
 */
export async function touchApiKey(pool: Pool, id: string, at: Date, minIntervalMs: number): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE api_keys SET last_used_at = $2
      WHERE id = $1 AND revoked_at IS NULL
        AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - make_interval(secs => $3::double precision / 1000))`,
    [id, at, minIntervalMs],
  );
  return (rowCount ?? 0) > 0;
}
