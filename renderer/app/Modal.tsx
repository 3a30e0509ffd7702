import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: traps Tab inside, closes on Escape (when `onClose` is given), restores focus to whatever
 * had it before. The first element with `data-autofocus` (or the first focusable one) gets focus.
 */
export function Modal({
  labelledBy,
  onClose,
  children,
  className = '',
  testId,
}: {
  labelledBy: string;
  onClose?: () => void;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = ref.current;
    const target = el?.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(el)[0];
    target?.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={`modal ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onClose) {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab') {
            const f = focusables(ref.current);
            if (!f.length) return;
            const first = f[0]!;
            const last = f[f.length - 1]!;
            if (e.shiftKey && document.activeElement === first) {
              e.preventDefault();
              last.focus();
            } else if (!e.shiftKey && document.activeElement === last) {
              e.preventDefault();
              first.focus();
            }
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

function focusables(root: HTMLElement | null | undefined): HTMLElement[] {
  if (!root) return [];
  return [
    ...root.querySelectorAll<HTMLElement>(
      'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
    ),
  ];
}
