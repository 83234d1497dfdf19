/**
 * A small media library in a dialog: the pictures the stories use, searched by caption and
 * credit; choosing one hands it back with its words.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Dialog,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  SearchField,
} from 'react-aria-components';
import type { MediaUse } from '../../../shared/media/contract';
import { getApi } from '../api/client';
import { MediaThumbnail } from './MediaThumbnail';

export function MediaLibrary({ onPick, onClose }: { onPick: (use: MediaUse) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MediaUse[] | null>(null);

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      void getApi()
        .listMedia({ query })
        .then((result) => live && setFound(result.ok ? result.value : []));
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  return (
    <ModalOverlay
      className="story-form__overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="story-form__modal">
        <Dialog className="media-library" aria-label={t('storyForm.libraryTitle')}>
          <Heading slot="title">{t('storyForm.libraryTitle')}</Heading>
          <SearchField className="story-form__field" value={query} onChange={setQuery} autoFocus>
            <Label>{t('storyForm.librarySearch')}</Label>
            <Input dir="auto" />
          </SearchField>
          {found === null ? (
            <p>…</p>
          ) : found.length === 0 ? (
            <p className="media-library__none">{t('storyForm.libraryEmpty')}</p>
          ) : (
            <ListBox
              aria-label={t('storyForm.libraryTitle')}
              className="media-library__grid"
              layout="grid"
              items={found.map((use) => ({ ...use, id: use.file }))}
              onAction={(key) => {
                const use = found.find((entry) => entry.file === key);
                if (use) onPick(use);
              }}
            >
              {(use) => (
                <ListBoxItem
                  className="media-library__item"
                  textValue={[use.caption, use.credit].filter(Boolean).join(' — ') || use.file}
                >
                  <MediaThumbnail file={use.file} alt="" className="media-library__thumb" />
                  <span className="media-library__caption" dir="auto">
                    {use.caption || t('storyForm.noCaption')}
                  </span>
                  {use.credit ? (
                    <span className="media-library__credit" dir="auto">
                      {use.credit}
                    </span>
                  ) : null}
                </ListBoxItem>
              )}
            </ListBox>
          )}
          <Button className="button" onPress={onClose}>
            {t('storyForm.close')}
          </Button>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
