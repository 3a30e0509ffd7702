import { useEffect } from 'react';
import { isLegalTransition, type IncidentStatus } from '../../../contract/domain/incident';
import { useIncidentSetStatusMutation } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { toHostError } from '../../app/hostClient';
import { errorToast } from '../toasts/toastsSlice';
import type { Incident } from '../../../contract/domain/incident';

/** Shift+letter moves the selected incident on (capitals, so they never collide with the single-key commands). */
export const STATUS_KEYS: Readonly<Record<string, IncidentStatus>> = {
  A: 'accepted',
  E: 'en_route',
  O: 'on_scene',
  R: 'resolved',
  C: 'closed',
};

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Status shortcuts on the selected queue row; an illegal move for its status is ignored (no request). */
export function useStatusShortcuts(selected: Incident | undefined) {
  const dispatch = useAppDispatch();
  const blocked = useAppSelector((s) => s.help.open || s.incidents.newFormOpen || s.queue.kpiOpen);
  const [setStatus] = useIncidentSetStatusMutation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || blocked || isTyping(e.target)) return;
      const to = STATUS_KEYS[e.key];
      if (!to || !selected || !isLegalTransition(selected.status, to)) return;
      e.preventDefault();
      setStatus({ id: selected.id, status: to, expectedVersion: selected.version })
        .unwrap()
        .catch((err: unknown) => dispatch(errorToast(toHostError(err))));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selected, blocked, setStatus, dispatch]);
}
