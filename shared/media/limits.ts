/**
 * Size limits for files the editor sends to the main side, shared so the renderer can refuse a
 * file before encoding and sending it, and the main side enforces the same numbers.
 */

/** Largest image accepted into the store. The browser bridge caps a request at 8 MiB, and base64 adds a third. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

/** Largest Word document accepted for import (same transport limit as images). */
export const MAX_DOCX_BYTES = 5 * 1024 * 1024;

/** Image types accepted, by MIME type; the main side checks the bytes, not this claim. */
export const MEDIA_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
