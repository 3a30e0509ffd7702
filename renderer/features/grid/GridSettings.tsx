import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostError } from '../../../contract/errors';
import { GRID_LEVELS, type GridLevel } from '../../../contract/domain/grid';
import type { GridProblem } from '../../../contract/gridMethods';
import { useGridListQuery } from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { Modal } from '../../app/Modal';
import { useAuth } from '../users/useAuth';
import { useGridExportMutation, useGridImportCheckMutation, useGridImportMutation } from './gridApi';
import { exportFileName, gridTree, levelCounts, readGridFile, type GridNode } from './gridTree';
import './grid.css';

type Counts = Record<GridLevel, number>;

/** Where an import stands: each step says what the person sees and may do next. */
type ImportState =
  | { step: 'idle' }
  | { step: 'checking'; file: string }
  | { step: 'unreadable'; file: string; reason: 'too_large' | 'not_json'; detail: string }
  | { step: 'refused'; file: string; problems: GridProblem[] }
  | {
      step: 'ready';
      file: string;
      geojson: unknown;
      created: number;
      updated: number;
      byLevel: Counts;
    }
  | { step: 'importing'; file: string }
  | { step: 'done'; file: string; created: number; updated: number; byLevel: Counts }
  | { step: 'failed'; file: string; error: HostError };

function LevelCounts({ counts, testId, caption }: { counts: Counts; testId: string; caption?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {caption && <p className="grid-counts-caption muted small">{caption}</p>}
      <dl className="grid-counts" data-testid={testId}>
        {GRID_LEVELS.map((l) => (
          <div key={l} data-level={l}>
            <dt>{t(`gridLevel.${l}`)}</dt>
            <dd data-testid={`${testId}-${l}`}>{counts[l]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function TreeNode({ node }: { node: GridNode }) {
  const { t } = useTranslation();
  const label = (
    <>
      <span className="grid-tree-level">{t(`gridLevel.${node.level}`)}</span> {node.name}{' '}
      <span className="mono muted small">{node.code}</span>
    </>
  );
  if (node.children.length === 0) return <li className="grid-tree-leaf">{label}</li>;
  return (
    <li>
      <details open={node.level === 'street'}>
        <summary>
          {label} <span className="muted small">({node.children.length})</span>
        </summary>
        <ul>
          {node.children.map((c) => (
            <TreeNode key={c.code} node={c} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** A refused feature's reason in the operator's language; the ring index becomes "outer ring" / "hole n". */
function ProblemText({ p }: { p: GridProblem }) {
  const { t } = useTranslation();
  const params: Record<string, string | number> = { ...p.params };
  if (typeof p.params.ring === 'number') {
    params.ring = p.params.ring === 0 ? t('grid.ring.outer') : t('grid.ring.hole', { n: p.params.ring });
  }
  // Feature numbers are shown from 1, as in the table's first column.
  if (typeof p.params.first === 'number') params.first = p.params.first + 1;
  for (const k of ['level', 'parentLevel', 'actual'] as const) {
    const v = p.params[k];
    if (typeof v === 'string' && (GRID_LEVELS as readonly string[]).includes(v))
      params[k] = t(`gridLevel.${v}`);
  }
  return <>{t(`grid.problem.${p.reason}`, params)}</>;
}

/** File-wide problems first, then in file order, as the person will look for them in the file. */
function byFeature(problems: GridProblem[]): GridProblem[] {
  return [...problems].sort((a, b) => (a.feature ?? -1) - (b.feature ?? -1));
}

function ProblemList({ problems }: { problems: GridProblem[] }) {
  const { t } = useTranslation();
  return (
    <div className="grid-problems" role="alert" data-testid="grid-problems">
      <strong>{t('grid.refused', { count: problems.length })}</strong>
      <table>
        <thead>
          <tr>
            <th>{t('grid.feature')}</th>
            <th>{t('grid.code')}</th>
            <th>{t('grid.name')}</th>
            <th>{t('grid.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {byFeature(problems).map((p, i) => (
            <tr key={i} data-testid="grid-problem" data-reason={p.reason} data-code={p.code ?? ''}>
              <td className="mono">{p.feature === null ? t('grid.wholeFile') : `#${p.feature + 1}`}</td>
              <td className="mono">{p.code ?? '—'}</td>
              <td>{p.name ?? '—'}</td>
              <td>
                <ProblemText p={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Import a GeoJSON file: read → check (every problem listed) → confirm → import, all or nothing. */
function GridImport() {
  const { t } = useTranslation();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLDivElement>(null);
  // The button that was pressed (confirm) disappears with the step: keep focus in the dialog, on the outcome.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) status.current?.focus();
  }, [state.step]);
  const [check] = useGridImportCheckMutation();
  const [runImport] = useGridImportMutation();

  const take = async (file: File) => {
    setState({ step: 'checking', file: file.name });
    const read = readGridFile(await file.text(), file.size);
    if (!read.ok) return setState({ step: 'unreadable', file: file.name, ...read });
    const r = await check({ geojson: read.geojson });
    if ('error' in r) return setState({ step: 'failed', file: file.name, error: toHostError(r.error) });
    const answer = r.data;
    if (!answer.ok) return setState({ step: 'refused', file: file.name, problems: answer.problems });
    setState({ step: 'ready', file: file.name, geojson: read.geojson, ...answer });
  };

  const confirm = async () => {
    if (state.step !== 'ready') return;
    const { file, geojson, byLevel } = state;
    setState({ step: 'importing', file });
    const r = await runImport({ geojson, dryRun: false });
    if ('error' in r) return setState({ step: 'failed', file, error: toHostError(r.error) });
    setState({ step: 'done', file, created: r.data.created, updated: r.data.updated, byLevel });
  };

  const busy = state.step === 'checking' || state.step === 'importing';
  return (
    <section className="grid-import" aria-labelledby="grid-import-title">
      <h3 id="grid-import-title">{t('grid.importTitle')}</h3>
      <p className="muted small">{t('grid.importHint')}</p>
      <div
        className={`grid-drop${dragging ? ' dragging' : ''}`}
        data-testid="grid-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f && !busy) void take(f);
        }}
      >
        <span>{t('grid.dropHere')}</span>
        <button
          type="button"
          className="btn"
          data-testid="grid-choose"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {t('grid.chooseFile')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          hidden
          data-testid="grid-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void take(f);
          }}
        />
      </div>
      <div
        ref={status}
        tabIndex={-1}
        className="grid-status"
        role="status"
        aria-live="polite"
        data-testid="grid-status"
        data-step={state.step}
      >
        {state.step === 'checking' && t('grid.checking', { file: state.file })}
        {state.step === 'importing' && t('grid.importing', { file: state.file })}
        {state.step === 'unreadable' &&
          (state.reason === 'too_large'
            ? t('grid.tooLarge', { file: state.file, mb: state.detail })
            : t('grid.notJson', { file: state.file, detail: state.detail }))}
        {state.step === 'refused' && t('grid.nothingImported', { file: state.file })}
        {state.step === 'failed' && (
          <span className="inline-error">
            {t('grid.failed', { file: state.file })} {t(state.error.key, state.error.params)}
          </span>
        )}
        {state.step === 'ready' &&
          t('grid.ready', { file: state.file, created: state.created, updated: state.updated })}
        {state.step === 'done' &&
          t('grid.done', { file: state.file, created: state.created, updated: state.updated })}
      </div>
      {state.step === 'refused' && <ProblemList problems={state.problems} />}
      {(state.step === 'ready' || state.step === 'done') && (
        <LevelCounts
          counts={state.byLevel}
          testId={state.step === 'ready' ? 'grid-file-counts' : 'grid-imported'}
          caption={state.step === 'ready' ? t('grid.inFile') : t('grid.imported')}
        />
      )}
      {state.step === 'ready' && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setState({ step: 'idle' })}>
            {t('grid.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="grid-import-confirm"
            onClick={() => void confirm()}
          >
            {t('grid.importConfirm', { count: state.created + state.updated })}
          </button>
        </div>
      )}
    </section>
  );
}

/** The grid screen (Settings → Grid): the stored hierarchy, export, and (for those allowed) import. */
function GridDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data: cells, isFetching } = useGridListQuery();
  const [exportGrid, exportState] = useGridExportMutation();
  const [exportError, setExportError] = useState<HostError | null>(null);
  const auth = useAuth();
  // host/users/permissions.ts: grid.import (and its check) are the supervisor's and the administrator's.
  const mayImport = auth.can('supervisor');
  const list = cells ?? [];

  const doExport = async () => {
    setExportError(null);
    const r = await exportGrid();
    if ('error' in r) return setExportError(toHostError(r.error));
    download(exportFileName(Date.now()), JSON.stringify(r.data, null, 1));
  };

  return (
    <Modal labelledBy="grid-title" onClose={onClose} className="modal-wide grid-dialog" testId="grid-dialog">
      <h2 id="grid-title">{t('grid.title')}</h2>
      <section aria-labelledby="grid-current-title">
        <h3 id="grid-current-title">{t('grid.current')}</h3>
        <LevelCounts counts={levelCounts(list)} testId="grid-counts" />
        {list.length === 0 && !isFetching ? (
          <p className="muted" data-testid="grid-empty">
            {t('grid.empty')}
          </p>
        ) : (
          <ul className="grid-tree" data-testid="grid-tree">
            {gridTree(list).map((n) => (
              <TreeNode key={n.code} node={n} />
            ))}
          </ul>
        )}
        <div className="grid-export">
          <button
            type="button"
            className="btn"
            data-testid="grid-export"
            disabled={list.length === 0 || exportState.isLoading}
            onClick={() => void doExport()}
          >
            {t('grid.export')}
          </button>
          <span className="muted small">{t('grid.exportHint')}</span>
          {exportError && (
            <span className="inline-error" role="alert">
              {t(exportError.key, exportError.params)}
            </span>
          )}
        </div>
      </section>
      {mayImport ? (
        <GridImport />
      ) : (
        <p className="muted small" data-testid="grid-import-forbidden">
          {t('grid.importRole')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" data-testid="grid-close" onClick={onClose}>
          {t('grid.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Settings menu entry. */
export function GridNav() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" data-testid="nav-grid" onClick={() => setOpen(true)}>
        {t('grid.nav')}
      </button>
      {open && <GridDialog onClose={() => setOpen(false)} />}
    </>
  );
}
