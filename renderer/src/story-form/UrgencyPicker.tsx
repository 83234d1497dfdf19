/** The story's urgency (IPTC: 1 most urgent … 9 least); none until chosen. */
import { useTranslation } from 'react-i18next';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { formatNumber } from '../../../shared/text/house-style';
import { useNewsroomSettings } from '../proofing/settings-store';

export function UrgencyPicker({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (urgency: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  const digits = (n: number) => (i18n.language === 'ar' ? formatNumber(n, houseStyle) : String(n));
  const items = [
    { id: 'none', name: t('storyForm.urgencyNone') },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
      id: String(n),
      name: t(`storyForm.urgencyLevel`, { level: digits(n), context: n <= 2 ? 'high' : n >= 8 ? 'low' : '' }),
    })),
  ];
  return (
    <Select
      className="story-form__field story-form__select"
      selectedKey={value ? String(value) : 'none'}
      onSelectionChange={(key) => onChange(key === 'none' || key === null ? null : Number(key))}
    >
      <Label>{t('storyForm.urgency')}</Label>
      <Button className="story-form__select-button">
        <SelectValue />
        <span aria-hidden>▾</span>
      </Button>
      <Popover className="story-form__popover">
        <ListBox className="story-form__options" items={items}>
          {(item) => (
            <ListBoxItem className="story-form__option" id={item.id} textValue={item.name}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
