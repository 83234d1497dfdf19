/**
 * Images between the editor and the store: uploads go through `addMedia`, and stored images are
 * shown through blob: URLs made from `readMedia` (the page's CSP allows blob:, and no file path
 * ever reaches the page).
 */
import { getApi } from '../api/client';
import type { ImageProblem } from './paste';

const urls = new Map<string, Promise<string | undefined>>();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Reads a file or blob as base64, for the API. */
export async function blobToBase64(blob: Blob): Promise<string> {
  return toBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** Copies an image into the store. */
export async function storeImage(
  image: Blob,
  name: string,
): Promise<{ file: string } | { problem: ImageProblem }> {
  const result = await getApi().addMedia({
    name: name.slice(0, 500),
    mime: image.type.slice(0, 200),
    dataBase64: await blobToBase64(image),
  });
  if (result.ok) return { file: result.value.file };
  const code = result.error.code;
  return { problem: code === 'file-too-large' || code === 'unsupported-file' ? code : 'failed' };
}

/** A blob: URL showing a stored image, or undefined when it cannot be read. Cached per file. */
export function mediaUrl(file: string): Promise<string | undefined> {
  let url = urls.get(file);
  if (!url) {
    url = getApi()
      .readMedia({ file })
      .then((result) =>
        result.ok
          ? URL.createObjectURL(new Blob([fromBase64(result.value.dataBase64)], { type: result.value.mime }))
          : undefined,
      );
    // A failed read may succeed later (the bridge restarted): do not cache failures.
    void url.then((value) => {
      if (!value) urls.delete(file);
    });
    urls.set(file, url);
  }
  return url;
}
