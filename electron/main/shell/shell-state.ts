/**
 * What the shell remembers between starts: the window's size, position and maximized state, and
 * the interface language (the menus must be in it before the page loads). One small JSON file in
 * userData, written with the store's durable adapter; a damaged or foreign file means defaults.
 * The placement rules are pure functions so they can be tested without a screen.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DurableJsonFile } from '../../core/store/durable-file';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/i18n';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(1).max(100_000);
const RectSchema = z.object({ x: Coordinate, y: Coordinate, width: Size, height: Size });

export const ShellState = z.object({
  window: z.object({ bounds: RectSchema, maximized: z.boolean() }).optional(),
  uiLanguage: z.enum(UI_LANGUAGES).optional(),
});
export type ShellState = z.infer<typeof ShellState>;

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
/** How much of the window's top strip must be on a screen for the saved position to be kept. */
const VISIBLE_STRIP = { width: 120, height: 40 } as const;

/** Where and how big the window opens; no `x`/`y` means "let the system centre it". */
export interface Placement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The placement for a saved state on the current screens (their work areas, primary first).
 * A saved position is kept only if the window's title strip is still reachable on some screen
 * (a monitor may have been unplugged); the size is kept but never exceeds the screen it is on.
 */
export function placementFor(saved: ShellState['window'], workAreas: readonly Rect[]): Placement {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.max(MIN_WINDOW_SIZE.width, area ? Math.min(size.width, area.width) : size.width),
    height: Math.max(MIN_WINDOW_SIZE.height, area ? Math.min(size.height, area.height) : size.height),
  });
  if (!saved) return { ...fit(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  const { bounds, maximized } = saved;
  const titleStrip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_STRIP.height };
  const home = workAreas.find((area) => {
    const shared = overlap(titleStrip, area);
    return shared.width >= VISIBLE_STRIP.width && shared.height >= VISIBLE_STRIP.height / 2;
  });
  if (!home) return { ...fit(bounds, primary), maximized };
  const size = fit(bounds, home);
  // Pull the window back inside its screen when it hangs over an edge.
  const x = Math.min(Math.max(bounds.x, home.x), home.x + Math.max(0, home.width - size.width));
  const y = Math.min(Math.max(bounds.y, home.y), home.y + Math.max(0, home.height - size.height));
  return { x, y, ...size, maximized };
}

/** Reads a state file's content; anything unexpected gives the defaults. */
export function parseShellState(value: unknown): ShellState {
  const parsed = ShellState.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** The shell state file: read once at start, written (debounced) when something changes. */
export class ShellStateFile {
  #state: ShellState = {};
  #file: DurableJsonFile<ShellState>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #log: (message: string) => void;

  constructor(path: string, log: (message: string) => void = () => undefined) {
    this.#file = new DurableJsonFile<ShellState>(path, { indent: 2 });
    this.#log = log;
  }

  /** Loads the file; a missing or damaged file is not an error (the defaults apply). */
  async load(): Promise<ShellState> {
    try {
      this.#state = parseShellState(await this.#file.read());
    } catch (error) {
      this.#log(`window state not read, using defaults: ${(error as Error).message}`);
      this.#state = {};
    }
    return this.#state;
  }

  /**
   * Loads the file before the app is ready (the interface language decides Chromium's locale,
   * which must be set that early). The file is a few hundred bytes.
   */
  loadSync(): ShellState {
    try {
      this.#state = parseShellState(JSON.parse(readFileSync(this.#file.file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.#log(`window state not read, using defaults: ${(error as Error).message}`);
      }
      this.#state = {};
    }
    return this.#state;
  }

  get state(): ShellState {
    return this.#state;
  }

  /** The saved interface language, Arabic when none was chosen. */
  get uiLanguage(): UiLanguage {
    return this.#state.uiLanguage ?? 'ar';
  }

  /** Changes the state and writes it shortly after (moves and resizes come in bursts). */
  update(patch: Partial<ShellState>, delayMs = 500): void {
    this.#state = { ...this.#state, ...patch };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), delayMs);
  }

  /** Writes now (on close); failures are logged, never thrown: this is only a convenience. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      await this.#file.write(this.#state);
    } catch (error) {
      this.#log(`window state not written: ${(error as Error).message}`);
    }
  }
}
