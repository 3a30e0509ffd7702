import type { IncidentCreate, IncidentSource, Priority } from '../../../contract/domain/incident';

export interface NewIncidentDraft {
  category: string;
  priority: Priority;
  source: IncidentSource;
  lon: string;
  lat: string;
  address: string;
  description: string;
  reporter: string;
  isDrill: boolean;
}

export type DraftField =
  'category' | 'priority' | 'source' | 'lon' | 'lat' | 'address' | 'description' | 'reporter' | 'isDrill';

export function emptyDraft(): NewIncidentDraft {
  return {
    category: '',
    priority: 'P3',
    source: 'hotline',
    lon: '',
    lat: '',
    address: '',
    description: '',
    reporter: '',
    isDrill: false,
  };
}

function num(s: string): number | null {
  const t = s.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** Client-side checks (the host validates again). Returns i18n keys per field. */
export function validateDraft(d: NewIncidentDraft): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  if (!d.category) errors.category = 'form.errors.categoryRequired';
  const lon = num(d.lon);
  if (lon === null || lon < -180 || lon > 180) errors.lon = 'form.errors.lonRange';
  const lat = num(d.lat);
  if (lat === null || lat < -90 || lat > 90) errors.lat = 'form.errors.latRange';
  if (!d.description.trim()) errors.description = 'form.errors.descriptionRequired';
  return errors;
}

export function draftToParams(d: NewIncidentDraft): IncidentCreate {
  return {
    category: d.category,
    priority: d.priority,
    source: d.source,
    location: { lon: Number(d.lon.trim()), lat: Number(d.lat.trim()) },
    address: d.address.trim(),
    description: d.description.trim(),
    reporter: d.reporter.trim(),
    isDrill: d.isDrill,
  };
}

/** Which form field a host issue path (`location.lon`, `description`, …) points at. */
export function fieldForIssuePath(path: string): DraftField | null {
  const p = path.replace(/^params\./, '');
  if (p === 'location.lon') return 'lon';
  if (p === 'location.lat') return 'lat';
  if (p === 'location') return 'lon';
  if (p === 'isDrill') return 'isDrill';
  const head = p.split('.')[0] as DraftField;
  return (['category', 'priority', 'source', 'address', 'description', 'reporter'] as const).includes(
    head as never,
  )
    ? head
    : null;
}
