import { v7 as uuidv7 } from 'uuid';
import { HostFailure } from '../../contract';
import type { RadioLink, RadioProfile } from '../../contract/radio';
import type { RadioRepository } from '../../db/radio';
import type { MethodParamsParsed } from '../../contract';
import type { HostContext } from '../context';
import { auditLocal } from './audit';

/**
 * Radio profiles and links: saved only when valid (the contract's schema already refused a bad one; here the
 * cross-record rules: the unit and profile a link names must exist, and two links cannot share a serial port).
 */
export class RadioConfig {
  constructor(
    private readonly ctx: HostContext,
    private readonly repo: RadioRepository,
  ) {}

  saveProfile(input: MethodParamsParsed<'radio.profile.save'>): RadioProfile {
    const now = this.ctx.now();
    const old = input.id ? this.repo.profile(input.id) : null;
    if (input.id && !old) throw new HostFailure('not_found', { entity: 'radio profile', id: input.id });
    if (input.unitId && !this.ctx.store.reference.unit(input.unitId))
      throw new HostFailure('not_found', { entity: 'unit', id: input.unitId });
    const { id: _id, ...fields } = input;
    const profile: RadioProfile = {
      ...fields,
      id: old?.id ?? uuidv7(),
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    auditLocal(
      this.ctx,
      old ? 'radio.profile.update' : 'radio.profile.create',
      'radio_profile',
      profile.id,
      { name: profile.name, model: profile.model, ptt: profile.ptt.method },
      () => this.repo.saveProfile(profile),
    );
    this.ctx.events.publish('radio.profile.changed', { id: profile.id, profile });
    return profile;
  }

  deleteProfile(id: string): void {
    if (!this.repo.profile(id)) throw new HostFailure('not_found', { entity: 'radio profile', id });
    const user = this.repo.links().find((l) => l.endpoint.kind === 'rigctld' && l.endpoint.profileId === id);
    if (user)
      throw new HostFailure('bad_request', {
        method: 'radio.profile.delete',
        detail: `link "${user.name}" uses this radio; delete or change that link first`,
      });
    auditLocal(this.ctx, 'radio.profile.delete', 'radio_profile', id, {}, () => this.repo.deleteProfile(id));
    this.ctx.events.publish('radio.profile.changed', { id, profile: null });
  }

  saveLink(input: MethodParamsParsed<'radio.link.save'>): RadioLink {
    const now = this.ctx.now();
    const old = input.id ? this.repo.link(input.id) : null;
    if (input.id && !old) throw new HostFailure('not_found', { entity: 'radio link', id: input.id });
    const ep = input.endpoint;
    // Each refusal names the field it belongs to (`issues`), so the link editor shows it next to that field.
    if (ep.kind === 'nmea_serial' && !this.ctx.store.reference.unit(ep.unitId))
      throw new HostFailure('not_found', { entity: 'unit', id: ep.unitId }, [
        { path: 'endpoint.unitId', message: `no unit with id ${ep.unitId}` },
      ]);
    if (ep.kind === 'rigctld' && !this.repo.profile(ep.profileId))
      throw new HostFailure('not_found', { entity: 'radio profile', id: ep.profileId }, [
        { path: 'endpoint.profileId', message: `no radio profile with id ${ep.profileId}` },
      ]);
    if ('serial' in ep) {
      const clash = this.repo
        .links()
        .find((l) => l.id !== old?.id && 'serial' in l.endpoint && l.endpoint.serial.path === ep.serial.path);
      if (clash) {
        const detail = `${ep.serial.path} is already used by link "${clash.name}"`;
        throw new HostFailure('bad_request', { method: 'radio.link.save', detail }, [
          { path: 'endpoint.serial.path', message: detail },
        ]);
      }
    }
    if ((ep.kind === 'kiss_serial' || ep.kind === 'kiss_tcp') && !input.callsign && input.enabled) {
      const detail = 'an APRS link needs the callsign the console sends as (acks, messages, beacons)';
      throw new HostFailure('bad_request', { method: 'radio.link.save', detail }, [
        { path: 'callsign', message: detail },
      ]);
    }
    const link: RadioLink = {
      id: old?.id ?? uuidv7(),
      name: input.name,
      enabled: input.enabled,
      callsign: input.callsign,
      endpoint: ep,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    auditLocal(
      this.ctx,
      old ? 'radio.link.update' : 'radio.link.create',
      'radio_link',
      link.id,
      { name: link.name, kind: ep.kind, enabled: link.enabled },
      () => this.repo.saveLink(link),
    );
    this.ctx.events.publish('radio.link.changed', { id: link.id, link });
    return link;
  }

  deleteLink(id: string): void {
    if (!this.repo.link(id)) throw new HostFailure('not_found', { entity: 'radio link', id });
    auditLocal(this.ctx, 'radio.link.delete', 'radio_link', id, {}, () => this.repo.deleteLink(id));
    this.ctx.events.publish('radio.link.changed', { id, link: null });
  }
}
