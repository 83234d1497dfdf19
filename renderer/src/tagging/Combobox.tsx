/**
 * An accessible autocomplete (WAI-ARIA combobox with a listbox): the options come from the
 * caller as the user types; arrows move, Enter picks, Escape closes. Picking is always an
 * explicit act, so a typo never becomes a tag.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ComboOption<T> {
  key: string;
  value: T;
  /** what the option shows */
  content: ReactNode;
  /** the option's accessible name */
  label: string;
}

export interface ComboboxProps<T> {
  label: string;
  placeholder?: string;
  /** options for the typed text (debounced by the caller's pace of typing) */
  load: (text: string) => Promise<ComboOption<T>[]>;
  onPick: (value: T) => void;
  className?: string;
  dir?: 'rtl' | 'ltr' | 'auto';
}

const DEBOUNCE_MS = 120;

export function Combobox<T>({ label, placeholder, load, onPick, className, dir = 'auto' }: ComboboxProps<T>) {
  const id = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<ComboOption<T>[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++request.current;
    const timer = setTimeout(() => {
      void load(text).then((next) => {
        if (mine !== request.current) return;
        setOptions(next);
        setActive(0);
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, open, load]);

  const pick = (option: ComboOption<T> | undefined) => {
    if (!option) return;
    onPick(option.value);
    setText('');
    setOptions([]);
    setOpen(false);
  };

  const listId = `${id}-list`;
  const showList = open && options.length > 0;
  return (
    <div className={`combobox ${className ?? ''}`}>
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        dir={dir}
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList ? `${id}-opt-${active}` : undefined}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && options.length) {
            event.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % options.length);
          } else if (event.key === 'ArrowUp' && options.length) {
            event.preventDefault();
            setActive((a) => (a - 1 + options.length) % options.length);
          } else if (event.key === 'Enter' && showList) {
            event.preventDefault();
            pick(options[active]);
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {showList ? (
        <ul className="combobox__list" role="listbox" id={listId} aria-label={label}>
          {options.map((option, index) => (
            <li
              key={option.key}
              id={`${id}-opt-${index}`}
              role="option"
              aria-selected={index === active}
              aria-label={option.label}
              className="combobox__option"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
            >
              {option.content}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
