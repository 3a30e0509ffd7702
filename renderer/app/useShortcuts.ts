import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from './store';
import { openNewForm, select } from '../features/incidents/incidentsSlice';
import { toggleHelp } from '../features/help/helpSlice';
import { moveSelection } from '../features/incidents/queue';
import { SEARCH_INPUT_ID } from '../features/incidents/IncidentQueue';
import { pickerOpened, unitsToggled } from '../features/dispatch/dispatchSlice';

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return false;
}

/** Global keys: j/k or ↓/↑ move the selection, n new incident, d dispatch, u units, / search, ? help. */
export function useShortcuts(ids: readonly string[], blocked: boolean) {
  const dispatch = useAppDispatch();
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const helpOpen = useAppSelector((s) => s.help.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (helpOpen) {
        if (e.key === '?') {
          e.preventDefault();
          dispatch(toggleHelp());
        }
        return;
      }
      if (blocked || isTyping(e.target)) return;
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          e.preventDefault();
          dispatch(select(moveSelection(ids, selectedId, 1)));
          break;
        case 'k':
        case 'ArrowUp':
          e.preventDefault();
          dispatch(select(moveSelection(ids, selectedId, -1)));
          break;
        case 'n':
          e.preventDefault();
          dispatch(openNewForm());
          break;
        case 'd':
          // Opens the nearest-units list of the selected incident; ↑/↓ and Enter work inside it.
          if (!selectedId) break;
          e.preventDefault();
          dispatch(pickerOpened(selectedId));
          break;
        case 'u':
          e.preventDefault();
          dispatch(unitsToggled());
          break;
        case '/': {
          e.preventDefault();
          const el = document.getElementById(SEARCH_INPUT_ID);
          if (el instanceof HTMLInputElement) {
            el.focus();
            el.select();
          }
          break;
        }
        case '?':
          e.preventDefault();
          dispatch(toggleHelp());
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [dispatch, ids, selectedId, helpOpen, blocked]);
}
