/**
 * The spelling context menu: suggestions, "add to newsroom dictionary" and "ignore". Opened by a
 * right click on a marked word, or from the keyboard (Shift+F10 / the menu key) at the caret.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

export interface SpellMenuState {
  word: string;
  x: number;
  y: number;
  /** undefined while the worker is still looking */
  suggestions?: string[];
  error?: string;
}

export interface SpellMenuProps {
  menu: SpellMenuState;
  onReplace: (suggestion: string) => void;
  onAdd: () => void;
  onIgnore: () => void;
  onClose: () => void;
}

export function SpellMenu({ menu, onReplace, onAdd, onIgnore, onClose }: SpellMenuProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  // Focus goes into the menu so the keyboard can use it; it comes back to the text on close.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu.suggestions]);
  useEffect(() => {
    const away = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      onClose();
    }
  };

  // Drawn in the page's body, so no pane's scrolling or containment moves it away from the pointer.
  return createPortal(
    <div
      ref={ref}
      className="spell-menu"
      role="menu"
      aria-label={t('proofing.spellMenu', { word: menu.word })}
      // In a right-to-left window the menu opens towards the left of the pointer, as native menus do.
      style={
        document.documentElement.dir === 'rtl'
          ? { right: window.innerWidth - menu.x, top: menu.y }
          : { left: menu.x, top: menu.y }
      }
      onKeyDown={onKeyDown}
    >
      {menu.suggestions === undefined ? (
        <div className="spell-menu__note" aria-live="polite">
          {t('proofing.suggesting')}
        </div>
      ) : menu.suggestions.length === 0 ? (
        <div className="spell-menu__note">{t('proofing.noSuggestions')}</div>
      ) : (
        menu.suggestions.map((suggestion) => (
          <button
            key={suggestion}
            type="button"
            role="menuitem"
            className="spell-menu__suggestion"
            lang="ar"
            dir="auto"
            onClick={() => onReplace(suggestion)}
          >
            {suggestion}
          </button>
        ))
      )}
      <div role="separator" className="spell-menu__separator" />
      <button type="button" role="menuitem" onClick={onAdd}>
        {t('proofing.addToNewsroom')}
      </button>
      <button type="button" role="menuitem" onClick={onIgnore}>
        {t('proofing.ignore')}
      </button>
      {menu.error ? (
        <div className="spell-menu__error" role="alert">
          {menu.error}
        </div>
      ) : null}
    </div>,
    document.body,
  );
}
