import type {
  HeardStation,
  PttLogEntry,
  RadioLink,
  RadioMessage,
  RadioProfile,
  Recording,
} from '../contract/radio';
import type { Db } from './open';

interface MessageRow {
  id: string;
  direction: 'in' | 'out';
  link_id: string | null;
  from_call: string;
  to_call: string;
  text: string;
  msg_no: string | null;
  state: RadioMessage['state'];
  attempts: number;
  max_attempts: number;
  at: number;
  updated_at: number;
  read_at: number | null;
  operator: string;
}
const toMessage = (r: MessageRow): RadioMessage => ({
  id: r.id,
  direction: r.direction,
  linkId: r.link_id,
  from: r.from_call,
  to: r.to_call,
  text: r.text,
  msgNo: r.msg_no,
  state: r.state,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  at: r.at,
  updatedAt: r.updated_at,
  readAt: r.read_at,
  operator: r.operator,
});

interface HeardRow {
  callsign: string;
  link_id: string | null;
  first_heard_at: number;
  last_heard_at: number;
  packets: number;
  lon: number | null;
  lat: number | null;
  path: string;
  symbol: string;
  comment: string;
  last_packet: string;
}

interface RecordingRow {
  id: string;
  started_at: number;
  ended_at: number | null;
  channel: string;
  profile_id: string | null;
  direction: 'rx' | 'tx';
  ptt_source: string;
  mime_type: string;
  bytes: number;
  sha256: string | null;
  state: 'uploading' | 'complete';
  operator: string;
  file: string;
}

/** Radio configuration, inbox, heard stations, PTT log and recordings (migration 0003). */
export class RadioRepository {
  constructor(private readonly db: Db) {}

  /* profiles */
  profiles(): RadioProfile[] {
    return (this.db.prepare('SELECT data FROM radio_profiles ORDER BY name').all() as { data: string }[]).map(
      (r) => JSON.parse(r.data) as RadioProfile,
    );
  }
  profile(id: string): RadioProfile | null {
    const r = this.db.prepare('SELECT data FROM radio_profiles WHERE id = ?').get(id) as
      { data: string } | undefined;
    return r ? (JSON.parse(r.data) as RadioProfile) : null;
  }
  saveProfile(p: RadioProfile): void {
    this.db
      .prepare(
        `INSERT INTO radio_profiles (id, name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data, updated_at = excluded.updated_at`,
      )
      .run(p.id, p.name, JSON.stringify(p), p.createdAt, p.updatedAt);
  }
  deleteProfile(id: string): boolean {
    return this.db.prepare('DELETE FROM radio_profiles WHERE id = ?').run(id).changes > 0;
  }

  /* links */
  links(): RadioLink[] {
    return (
      this.db.prepare('SELECT * FROM radio_links ORDER BY name').all() as {
        id: string;
        name: string;
        enabled: number;
        callsign: string;
        endpoint: string;
        created_at: number;
        updated_at: number;
      }[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled === 1,
      callsign: r.callsign,
      endpoint: JSON.parse(r.endpoint) as RadioLink['endpoint'],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
  link(id: string): RadioLink | null {
    return this.links().find((l) => l.id === id) ?? null;
  }
  saveLink(l: RadioLink): void {
    this.db
      .prepare(
        `INSERT INTO radio_links (id, name, kind, enabled, callsign, endpoint, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, enabled = excluded.enabled,
           callsign = excluded.callsign, endpoint = excluded.endpoint, updated_at = excluded.updated_at`,
      )
      .run(
        l.id,
        l.name,
        l.endpoint.kind,
        l.enabled ? 1 : 0,
        l.callsign,
        JSON.stringify(l.endpoint),
        l.createdAt,
        l.updatedAt,
      );
  }
  deleteLink(id: string): boolean {
    return this.db.prepare('DELETE FROM radio_links WHERE id = ?').run(id).changes > 0;
  }

  /* messages */
  messages(limit: number, direction?: 'in' | 'out'): RadioMessage[] {
    const rows = direction
      ? this.db
          .prepare('SELECT * FROM radio_messages WHERE direction = ? ORDER BY at DESC LIMIT ?')
          .all(direction, limit)
      : this.db.prepare('SELECT * FROM radio_messages ORDER BY at DESC LIMIT ?').all(limit);
    return (rows as MessageRow[]).map(toMessage);
  }
  message(id: string): RadioMessage | null {
    const r = this.db.prepare('SELECT * FROM radio_messages WHERE id = ?').get(id) as MessageRow | undefined;
    return r ? toMessage(r) : null;
  }
  incomingByNumber(from: string, to: string, msgNo: string): RadioMessage | null {
    const r = this.db
      .prepare(
        `SELECT * FROM radio_messages WHERE direction = 'in' AND from_call = ? AND to_call = ? AND msg_no = ?`,
      )
      .get(from, to, msgNo) as MessageRow | undefined;
    return r ? toMessage(r) : null;
  }
  /** The outgoing message an ack/rej from `peer` answers. */
  outgoingAwaiting(peer: string, msgNo: string): RadioMessage | null {
    const r = this.db
      .prepare(
        `SELECT * FROM radio_messages WHERE direction = 'out' AND to_call = ? AND msg_no = ? ORDER BY at DESC LIMIT 1`,
      )
      .get(peer, msgNo) as MessageRow | undefined;
    return r ? toMessage(r) : null;
  }
  insertMessage(m: RadioMessage): void {
    this.db
      .prepare(
        `INSERT INTO radio_messages (id, direction, link_id, from_call, to_call, text, msg_no, state, attempts,
           max_attempts, at, updated_at, read_at, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        m.direction,
        m.linkId,
        m.from,
        m.to,
        m.text,
        m.msgNo,
        m.state,
        m.attempts,
        m.maxAttempts,
        m.at,
        m.updatedAt,
        m.readAt,
        m.operator,
      );
  }
  updateMessage(
    id: string,
    fields: { state?: RadioMessage['state']; attempts?: number; readAt?: number; at: number },
  ): RadioMessage | null {
    const m = this.message(id);
    if (!m) return null;
    this.db
      .prepare('UPDATE radio_messages SET state = ?, attempts = ?, read_at = ?, updated_at = ? WHERE id = ?')
      .run(fields.state ?? m.state, fields.attempts ?? m.attempts, fields.readAt ?? m.readAt, fields.at, id);
    return this.message(id);
  }
  /**
   * Outgoing messages still waiting for an ack when the host stopped: their retry timers died with it, so they
   * are marked failed (the operator sees it and can send again) rather than shown as pending forever.
   */
  failUnfinishedOutgoing(at: number): number {
    return this.db
      .prepare(
        `UPDATE radio_messages SET state = 'failed', updated_at = ? WHERE direction = 'out' AND state IN ('queued', 'sent')`,
      )
      .run(at).changes;
  }

  /** Outgoing message numbers already used with a peer, so a new one never collides with an unanswered one. */
  lastOutgoingNumber(): number {
    const r = this.db
      .prepare(
        `SELECT msg_no FROM radio_messages WHERE direction = 'out' ORDER BY at DESC, rowid DESC LIMIT 1`,
      )
      .get() as { msg_no: string | null } | undefined;
    const n = r?.msg_no ? parseInt(r.msg_no, 10) : 0;
    return Number.isFinite(n) ? n : 0;
  }

  /* heard stations */
  heard(): HeardStation[] {
    return (this.db.prepare('SELECT * FROM radio_heard ORDER BY last_heard_at DESC').all() as HeardRow[]).map(
      (r) => this.toHeard(r),
    );
  }
  heardOne(callsign: string): HeardStation | null {
    const r = this.db.prepare('SELECT * FROM radio_heard WHERE callsign = ?').get(callsign) as
      HeardRow | undefined;
    return r ? this.toHeard(r) : null;
  }
  private toHeard(r: HeardRow): HeardStation {
    const unit = this.db
      .prepare('SELECT id FROM units WHERE callsign = ? COLLATE NOCASE LIMIT 1')
      .get(r.callsign) as { id: string } | undefined;
    return {
      callsign: r.callsign,
      linkId: r.link_id,
      firstHeardAt: r.first_heard_at,
      lastHeardAt: r.last_heard_at,
      packets: r.packets,
      position: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
      path: r.path,
      symbol: r.symbol,
      comment: r.comment,
      unitId: unit?.id ?? null,
      lastPacket: r.last_packet,
    };
  }
  upsertHeard(h: {
    callsign: string;
    linkId: string | null;
    at: number;
    position: { lon: number; lat: number } | null;
    path: string;
    symbol: string;
    comment: string;
    packet: string;
  }): HeardStation {
    this.db
      .prepare(
        `INSERT INTO radio_heard (callsign, link_id, first_heard_at, last_heard_at, packets, lon, lat, path, symbol, comment, last_packet)
         VALUES (@callsign, @linkId, @at, @at, 1, @lon, @lat, @path, @symbol, @comment, @packet)
         ON CONFLICT (callsign) DO UPDATE SET link_id = excluded.link_id, last_heard_at = excluded.last_heard_at,
           packets = packets + 1, lon = coalesce(excluded.lon, lon), lat = coalesce(excluded.lat, lat),
           path = excluded.path, symbol = CASE WHEN excluded.symbol = '' THEN symbol ELSE excluded.symbol END,
           comment = CASE WHEN excluded.comment = '' THEN comment ELSE excluded.comment END,
           last_packet = excluded.last_packet`,
      )
      .run({
        callsign: h.callsign,
        linkId: h.linkId,
        at: h.at,
        lon: h.position?.lon ?? null,
        lat: h.position?.lat ?? null,
        path: h.path,
        symbol: h.symbol,
        comment: h.comment,
        packet: h.packet,
      });
    return this.heardOne(h.callsign)!;
  }

  /* PTT log */
  appendPtt(e: PttLogEntry): void {
    this.db
      .prepare(
        `INSERT INTO ptt_log (id, profile_id, operator, method, source, keyed_at, unkeyed_at, duration_ms, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.profileId, e.operator, e.method, e.source, e.keyedAt, e.unkeyedAt, e.durationMs, e.reason);
  }
  pttLog(limit: number, profileId?: string): PttLogEntry[] {
    const rows = profileId
      ? this.db
          .prepare('SELECT * FROM ptt_log WHERE profile_id = ? ORDER BY keyed_at DESC LIMIT ?')
          .all(profileId, limit)
      : this.db.prepare('SELECT * FROM ptt_log ORDER BY keyed_at DESC LIMIT ?').all(limit);
    return (
      rows as {
        id: string;
        profile_id: string;
        operator: string;
        method: PttLogEntry['method'];
        source: PttLogEntry['source'];
        keyed_at: number;
        unkeyed_at: number;
        duration_ms: number;
        reason: PttLogEntry['reason'];
      }[]
    ).map((r) => ({
      id: r.id,
      profileId: r.profile_id,
      operator: r.operator,
      method: r.method,
      source: r.source,
      keyedAt: r.keyed_at,
      unkeyedAt: r.unkeyed_at,
      durationMs: r.duration_ms,
      reason: r.reason,
    }));
  }

  /* recordings */
  insertRecording(r: Recording & { file: string }): void {
    this.db
      .prepare(
        `INSERT INTO radio_recordings (id, started_at, ended_at, channel, profile_id, direction, ptt_source, mime_type,
           bytes, sha256, state, operator, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.id,
        r.startedAt,
        r.endedAt,
        r.channel,
        r.profileId,
        r.direction,
        r.pttSource,
        r.mimeType,
        r.bytes,
        r.sha256,
        r.state,
        r.operator,
        r.file,
      );
  }
  recordingFile(id: string): { file: string; state: Recording['state']; bytes: number } | null {
    return (
      (this.db.prepare('SELECT file, state, bytes FROM radio_recordings WHERE id = ?').get(id) as
        { file: string; state: Recording['state']; bytes: number } | undefined) ?? null
    );
  }
  setRecordingBytes(id: string, bytes: number): void {
    this.db.prepare('UPDATE radio_recordings SET bytes = ? WHERE id = ?').run(bytes, id);
  }
  completeRecording(id: string, endedAt: number, bytes: number, sha256: string): void {
    this.db
      .prepare(
        `UPDATE radio_recordings SET ended_at = ?, bytes = ?, sha256 = ?, state = 'complete' WHERE id = ?`,
      )
      .run(endedAt, bytes, sha256, id);
  }
  deleteRecording(id: string): void {
    this.db.prepare('DELETE FROM radio_recording_incidents WHERE recording_id = ?').run(id);
    this.db.prepare('DELETE FROM radio_recordings WHERE id = ?').run(id);
  }
  recording(id: string): Recording | null {
    const r = this.db.prepare('SELECT * FROM radio_recordings WHERE id = ?').get(id) as
      RecordingRow | undefined;
    return r ? this.toRecording(r) : null;
  }
  recordings(q: { limit: number; before?: number; incidentId?: string }): Recording[] {
    const rows = q.incidentId
      ? this.db
          .prepare(
            `SELECT r.* FROM radio_recordings r JOIN radio_recording_incidents l ON l.recording_id = r.id
             WHERE l.incident_id = ? AND r.started_at < ? ORDER BY r.started_at DESC LIMIT ?`,
          )
          .all(q.incidentId, q.before ?? Number.MAX_SAFE_INTEGER, q.limit)
      : this.db
          .prepare('SELECT * FROM radio_recordings WHERE started_at < ? ORDER BY started_at DESC LIMIT ?')
          .all(q.before ?? Number.MAX_SAFE_INTEGER, q.limit);
    return (rows as RecordingRow[]).map((r) => this.toRecording(r));
  }
  linkRecording(recordingId: string, incidentId: string, at: number): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO radio_recording_incidents (recording_id, incident_id, at) VALUES (?, ?, ?)',
        )
        .run(recordingId, incidentId, at).changes > 0
    );
  }
  private toRecording(r: RecordingRow): Recording {
    const incidents = (
      this.db
        .prepare('SELECT incident_id FROM radio_recording_incidents WHERE recording_id = ? ORDER BY at')
        .all(r.id) as { incident_id: string }[]
    ).map((x) => x.incident_id);
    return {
      id: r.id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      channel: r.channel,
      profileId: r.profile_id,
      direction: r.direction,
      pttSource: r.ptt_source,
      mimeType: r.mime_type,
      bytes: r.bytes,
      sha256: r.sha256,
      state: r.state,
      operator: r.operator,
      incidentIds: incidents,
    };
  }
}
