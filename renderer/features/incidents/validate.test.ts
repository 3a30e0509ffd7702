import { describe, expect, it } from 'vitest';
import { IncidentCreateSchema } from '../../../contract/domain/incident';
import { draftToParams, emptyDraft, fieldForIssuePath, validateDraft } from './validate';

describe('new-incident validation', () => {
  it('requires category, coordinates in range and a description', () => {
    expect(Object.keys(validateDraft(emptyDraft())).sort()).toEqual([
      'category',
      'description',
      'lat',
      'lon',
    ]);
    const ok = { ...emptyDraft(), category: 'fire_safety', lon: '114.3', lat: '30.5', description: 'x' };
    expect(validateDraft(ok)).toEqual({});
    expect(validateDraft({ ...ok, lon: '181' }).lon).toBe('form.errors.lonRange');
    expect(validateDraft({ ...ok, lat: '-90.5' }).lat).toBe('form.errors.latRange');
    expect(validateDraft({ ...ok, lat: 'abc' }).lat).toBe('form.errors.latRange');
    expect(validateDraft({ ...ok, lon: '1e3' }).lon).toBe('form.errors.lonRange');
    expect(validateDraft({ ...ok, description: '   ' }).description).toBeDefined();
  });

  it('produces params the contract accepts', () => {
    const d = {
      ...emptyDraft(),
      category: 'fire_safety',
      lon: ' 114.3 ',
      lat: '30.5',
      description: ' smoke ',
      isDrill: true,
    };
    const p = draftToParams(d);
    expect(IncidentCreateSchema.parse(p)).toMatchObject({
      location: { lon: 114.3, lat: 30.5 },
      description: 'smoke',
      isDrill: true,
      priority: 'P3',
    });
  });

  it('maps host issue paths to fields', () => {
    expect(fieldForIssuePath('location.lon')).toBe('lon');
    expect(fieldForIssuePath('location.lat')).toBe('lat');
    expect(fieldForIssuePath('description')).toBe('description');
    expect(fieldForIssuePath('(root)')).toBeNull();
  });
});
