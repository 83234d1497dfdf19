/**
 * The spelling context menu: suggestions, "add to newsroom dictionary" and "ignore", on React
 * Aria's Menu in a Popover (arrow keys, Home/End, type-ahead, Escape, focus kept inside and given
 * back, the popover placed and flipped to stay in the window, mirrored in right-to-left). Opened
 * by a right click on a marked word, or from the keyboard (Shift+F10 / the menu key) at the caret.
 */
import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Menu, MenuItem, Popover, Separator } from 'react-aria-components';

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

const ADD = '\u0000add';
const IGNORE = '\u0000ignore';

export function SpellMenu({ menu, onReplace, onAdd, onIgnore, onClose }: SpellMenuProps) {
  const { t } = useTranslation();
  // The point the menu opens from (the pointer, or the word under the caret), drawn in the page's
  // body so no pane's scrolling or containment moves it.
  const anchor = useRef<HTMLSpanElement>(null);
  const suggestions = menu.suggestions ?? [];

  return (
    <>
      {createPortal(
        <span
          ref={anchor}
          aria-hidden="true"
          className="spell-menu__anchor"
          style={{ left: menu.x, top: menu.y }}
        />,
        document.body,
      )}
      <Popover
        className="popover popover--list spell-menu"
        triggerRef={anchor}
        isOpen
        onOpenChange={(open) => {
          if (!open) onClose();
        }}
        placement="bottom start"
        offset={2}
        // Outside a trigger the popover is a dialog of its own: it bears the menu's name.
        aria-label={t('proofing.spellMenu', { word: menu.word })}
      >
        {menu.suggestions === undefined ? (
          <p className="spell-menu__note" role="status">
            {t('proofing.suggesting')}
          </p>
        ) : suggestions.length === 0 ? (
          <p className="spell-menu__note">{t('proofing.noSuggestions')}</p>
        ) : null}
        {/* Drawn again once the suggestions come, so the keyboard starts on the first of them. */}
        <Menu
          key={menu.suggestions === undefined ? 'looking' : 'ready'}
          className="menu"
          aria-label={t('proofing.spellMenu', { word: menu.word })}
          autoFocus="first"
          onAction={(key) => {
            if (key === ADD) onAdd();
            else if (key === IGNORE) onIgnore();
            else onReplace(String(key));
          }}
        >
          {suggestions.map((suggestion) => (
            <MenuItem
              key={suggestion}
              id={suggestion}
              textValue={suggestion}
              className="menu__item spell-menu__suggestion"
            >
              <span lang="ar" dir="auto">
                {suggestion}
              </span>
            </MenuItem>
          ))}
          {suggestions.length > 0 ? <Separator className="spell-menu__separator" /> : null}
          <MenuItem id={ADD} className="menu__item">
            {t('proofing.addToNewsroom')}
          </MenuItem>
          <MenuItem id={IGNORE} className="menu__item">
            {t('proofing.ignore')}
          </MenuItem>
        </Menu>
        {menu.error ? (
          <p className="spell-menu__error" role="alert">
            {menu.error}
          </p>
        ) : null}
      </Popover>
    </>
  );
}
