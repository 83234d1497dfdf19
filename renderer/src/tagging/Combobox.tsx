/**
 * An autocomplete on React Aria's ComboBox: the options come from the caller as the user types;
 * arrows move, Enter picks, Escape closes, in RTL and LTR alike. Picking is always an explicit
 * act, so a typo never becomes a tag; the field empties after a pick.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, type Key } from 'react-aria-components';

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
  const [text, setText] = useState('');
  const [options, setOptions] = useState<ComboOption<T>[]>([]);
  const [focused, setFocused] = useState(false);
  const request = useRef(0);
  // After a pick the field empties; the list stays shut until the user types again (an open list
  // hides the rest of the page from screen readers, and would cover the chip just added).
  const picked = useRef(false);

  useEffect(() => {
    if (!focused) return;
    if (picked.current && text === '') return;
    picked.current = false;
    const mine = ++request.current;
    const timer = setTimeout(() => {
      void load(text).then((next) => {
        if (mine === request.current) setOptions(next);
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, focused, load]);

  const pick = (key: Key | null) => {
    const option = options.find((entry) => entry.key === key);
    if (!option) return;
    onPick(option.value);
    request.current += 1;
    picked.current = true;
    setText('');
    setOptions([]);
  };

  // Enter with no option chosen by the arrows picks the first, as in every autocomplete; caught
  // before the combobox, which would otherwise keep the typed text as it is.
  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    const input = event.target as HTMLElement;
    if (event.key !== 'Enter' || input.tagName !== 'INPUT') return;
    if (input.getAttribute('aria-activedescendant') || options.length === 0) return;
    event.preventDefault();
    event.stopPropagation();
    pick(options[0]!.key);
  };

  return (
    <div onKeyDownCapture={onKeyDownCapture}>
      <ComboBox
        className={`combobox ${className ?? ''}`}
        inputValue={text}
        onInputChange={setText}
        items={options}
        selectedKey={null}
        onSelectionChange={pick}
        allowsCustomValue
        allowsEmptyCollection={false}
        menuTrigger="focus"
        onFocusChange={(now) => {
          if (!now) picked.current = false;
          setFocused(now);
        }}
      >
        <Label>{label}</Label>
        <Input dir={dir} placeholder={placeholder} />
        <Popover className="popover popover--list" placement="bottom start">
          <ListBox className="listbox" aria-label={label}>
            {(option: ComboOption<T>) => (
              <ListBoxItem
                id={option.key}
                textValue={option.label}
                aria-label={option.label}
                className="listbox__item combobox__option"
              >
                {option.content}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
    </div>
  );
}
