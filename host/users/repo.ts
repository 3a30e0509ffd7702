import type { Db } from '../../db/open';
import type { Role, User } from '../../contract';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The `users` table. The hash leaves this module only through {@link UsersRepository.credentials}. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  get(id: string): User | null {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  /** Case-insensitive: people type their names in different cases on a shared keyboard. */
  credentials(username: string): { user: User; hash: string } | null {
    const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return r ? { user: toUser(r), hash: r.password_hash } : null;
  }

  hashOf(id: string): string | null {
    const r = this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as
      { password_hash: string } | undefined;
    return r?.password_hash ?? null;
  }

  activeAdmins(): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as {
        n: number;
      }
    ).n;
  }

  insert(u: User, passwordHash: string): void {
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, disabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        u.id,
        u.username,
        u.displayName,
        u.role,
        passwordHash,
        u.disabled ? 1 : 0,
        u.createdAt,
        u.updatedAt,
      );
  }

  update(u: User): void {
    this.db
      .prepare('UPDATE users SET display_name = ?, role = ?, disabled = ?, updated_at = ? WHERE id = ?')
      .run(u.displayName, u.role, u.disabled ? 1 : 0, u.updatedAt, u.id);
  }

  setHash(id: string, passwordHash: string, at: number): void {
    this.db
      .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?')
      .run(passwordHash, at, id);
  }
}
