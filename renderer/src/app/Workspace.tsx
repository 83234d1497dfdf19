/**
 * The three panes of the window: the queues and the story list on the start side, the story (or
 * a screen) in the middle, the story panel on the end side. The side panes resize (drag the
 * handle, or focus it and use the arrow keys) and collapse; widths and what is collapsed are
 * remembered per user. Everything is in logical terms, so the layout mirrors with the UI
 * language.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';

export interface PaneLayout {
  start: number;
  end: number;
  startCollapsed: boolean;
  endCollapsed: boolean;
}

const DEFAULT_LAYOUT: PaneLayout = { start: 300, end: 400, startCollapsed: false, endCollapsed: false };
const LIMITS = { start: [200, 480], end: [280, 640] } as const;
const STEP = 24;

function storageKey(userId: string | null): string {
  return `mihbara.layout.${userId ?? 'anyone'}`;
}

function readLayout(userId: string | null): PaneLayout {
  try {
    const raw = window.localStorage.getItem(storageKey(userId));
    if (!raw) return DEFAULT_LAYOUT;
    const value = JSON.parse(raw) as Partial<PaneLayout>;
    const clamp = (side: 'start' | 'end', n: unknown) =>
      typeof n === 'number' && Number.isFinite(n)
        ? Math.min(LIMITS[side][1], Math.max(LIMITS[side][0], Math.round(n)))
        : DEFAULT_LAYOUT[side];
    return {
      start: clamp('start', value.start),
      end: clamp('end', value.end),
      startCollapsed: value.startCollapsed === true,
      endCollapsed: value.endCollapsed === true,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

/** The layout of the current user's panes, and the ways to change it. */
export function usePaneLayout(userId: string | null) {
  const [layout, setLayout] = useState<PaneLayout>(() => readLayout(userId));
  const loadedFor = useRef(userId);
  useEffect(() => {
    if (loadedFor.current === userId) return;
    loadedFor.current = userId;
    setLayout(readLayout(userId));
  }, [userId]);
  const update = useCallback(
    (change: (current: PaneLayout) => PaneLayout) =>
      setLayout((current) => {
        const next = change(current);
        try {
          window.localStorage.setItem(storageKey(loadedFor.current), JSON.stringify(next));
        } catch {
          // Not remembered; the layout still applies now.
        }
        return next;
      }),
    [],
  );
  return { layout, update };
}

function Resizer({
  side,
  width,
  label,
  onWidth,
}: {
  side: 'start' | 'end';
  width: number;
  label: string;
  onWidth: (width: number) => void;
}) {
  const [min, max] = LIMITS[side];
  const set = (n: number) => onWidth(Math.min(max, Math.max(min, Math.round(n))));
  const drag = useRef<{ x: number; width: number } | null>(null);
  const rtl = () => document.documentElement.dir === 'rtl';
  // Moving toward the pane's outer edge makes it narrower; the outer edge is mirrored in RTL.
  const grows = (dx: number) => {
    const towardEnd = rtl() ? -dx : dx;
    return side === 'start' ? towardEnd : -towardEnd;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { x: event.clientX, width };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    set(drag.current.width + grows(event.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const dx = event.key === 'ArrowRight' ? STEP : event.key === 'ArrowLeft' ? -STEP : 0;
    if (dx !== 0) set(width + grows(dx));
    else if (event.key === 'Home') set(min);
    else if (event.key === 'End') set(max);
    else return;
    event.preventDefault();
  };
  return (
    <div
      className={`pane-resizer pane-resizer--${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}

export interface WorkspaceProps {
  layout: PaneLayout;
  update: (change: (current: PaneLayout) => PaneLayout) => void;
  start: ReactNode;
  main: ReactNode;
  /** the story panel; null when there is nothing to show beside the main pane */
  end: ReactNode | null;
  mainLabel: string;
}

export function Workspace({ layout, update, start, main, end, mainLabel }: WorkspaceProps) {
  const { t } = useTranslation();
  const showEnd = end !== null && !layout.endCollapsed;
  return (
    <div
      className="workspace"
      data-start={layout.startCollapsed ? 'collapsed' : 'open'}
      data-end={showEnd ? 'open' : 'collapsed'}
      style={
        {
          '--start-width': `${layout.start}px`,
          '--end-width': `${layout.end}px`,
        } as React.CSSProperties
      }
    >
      {layout.startCollapsed ? null : (
        <aside className="pane-frame pane-frame--start" aria-label={t('layout.startPane')}>
          <div className="pane pane--start" id="pane-start">
            {start}
          </div>
          <Resizer
            side="start"
            width={layout.start}
            label={t('layout.resizeStart')}
            onWidth={(start) => update((current) => ({ ...current, start }))}
          />
        </aside>
      )}
      <main className="pane pane--main" id="main-content" tabIndex={-1} aria-label={mainLabel}>
        {main}
      </main>
      {showEnd ? (
        <aside className="pane-frame pane-frame--end" aria-label={t('layout.endPane')}>
          <Resizer
            side="end"
            width={layout.end}
            label={t('layout.resizeEnd')}
            onWidth={(end) => update((current) => ({ ...current, end }))}
          />
          <div className="pane pane--end" id="pane-end">
            {end}
          </div>
        </aside>
      ) : null}
    </div>
  );
}
