/**
 * The story's desk, chosen by its name (typing filters the desks; an empty choice means none).
 */
import { useTranslation } from 'react-i18next';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { deskLabel } from '../../../shared/workflow/desks';
import type { Desk } from '../../../shared/workflow/model';

export function DeskPicker({
  desks,
  value,
  onChange,
}: {
  desks: readonly Desk[];
  value: string | undefined;
  onChange: (deskId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const items = [
    { id: '', name: t('storyForm.noDesk') },
    ...desks.map((d) => ({ id: d.id, name: deskLabel(d, i18n.language) })),
  ];
  return (
    <ComboBox
      className="story-form__field story-form__combo"
      defaultItems={items}
      selectedKey={value ?? ''}
      onSelectionChange={(key) => {
        if (key !== null) onChange(String(key));
      }}
      menuTrigger="focus"
    >
      <Label>{t('storyForm.desk')}</Label>
      <div className="story-form__combo-box">
        <Input />
        <Button aria-label={t('storyForm.showDesks')}>▾</Button>
      </div>
      <Popover className="story-form__popover">
        <ListBox className="story-form__options">
          {(item: { id: string; name: string }) => (
            <ListBoxItem className="story-form__option" id={item.id} textValue={item.name}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
