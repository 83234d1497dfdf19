/** A thumbnail of a stored picture (a blob: URL read through the API). */
import { useEffect, useState } from 'react';
import { mediaUrl } from '../editor/media';

/** A thumbnail of a stored picture (a blob: URL read through the API). */
export function MediaThumbnail({ file, alt, className }: { file: string; alt: string; className?: string }) {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void mediaUrl(file).then((value) => live && setUrl(value));
    return () => {
      live = false;
    };
  }, [file]);
  return url ? <img className={className} src={url} alt={alt} /> : <span className={className} aria-hidden />;
}
