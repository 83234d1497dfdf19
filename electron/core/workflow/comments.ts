/**
 * Comments anchored to text ranges, with replies and resolve/reopen, kept per story in
 * `workflow/comments/<id>.json`. Anchors are found again in the current text each time the
 * comments are read, so they follow their words through later edits.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { StoryBody } from '../../../shared/story/schema';
import { makeAnchor, reanchor } from '../../../shared/workflow/anchors';
import { Comment, type User } from '../../../shared/workflow/model';
import type { WorkflowFiles } from './files';
import { oneAtATimePer } from '../one-at-a-time';

export const commentsFile = (id: string) => `workflow/comments/${id}.json`;

export interface CommentBook {
  /** the story's comments, re-anchored in `body` (a changed anchor is written back) */
  list(storyId: string, body: StoryBody): Promise<Comment[]>;
  add(
    storyId: string,
    body: StoryBody,
    range: { block: number; start: number; end: number },
    text: string,
    user: User,
  ): Promise<Comment>;
  reply(storyId: string, commentId: string, text: string, user: User): Promise<Comment>;
  setResolved(storyId: string, commentId: string, resolved: boolean, user: User): Promise<Comment>;
}

export function createCommentBook(files: WorkflowFiles, now: () => Date): CommentBook {
  const oneAtATime = oneAtATimePer();
  const read = async (storyId: string): Promise<Comment[]> => {
    const raw = await files.readJson(commentsFile(storyId));
    if (raw === null) return [];
    const parsed = z.array(Comment).safeParse(raw);
    if (!parsed.success)
      throw new ApiError('store-damaged', `${commentsFile(storyId)} is not a comment list`);
    return parsed.data;
  };
  /** Serializes read-change-write per story so two comments added at once both stay. */
  const change = <T>(storyId: string, apply: (comments: Comment[]) => T | Promise<T>): Promise<T> => {
    return oneAtATime(storyId, async () => {
      const comments = await read(storyId);
      const result = await apply(comments);
      await files.writeJson(commentsFile(storyId), comments);
      return result;
    });
  };
  const find = (comments: Comment[], commentId: string): Comment => {
    const comment = comments.find((c) => c.id === commentId);
    if (!comment) throw new ApiError('not-found', `there is no comment ${commentId}`);
    return comment;
  };

  return {
    async list(storyId, body) {
      const comments = await read(storyId);
      const moved = comments.some((comment) => {
        const found = reanchor(body, comment.anchor);
        return found ? found !== comment.anchor || comment.detached : !comment.detached;
      });
      if (!moved) return comments;
      if (!files.writable) return comments.map((comment) => relocate(comment, body));
      return change(storyId, (current) => {
        current.forEach((comment, index) => (current[index] = relocate(comment, body)));
        return current;
      });
    },
    add(storyId, body, range, text, user) {
      const anchor = makeAnchor(body, range.block, range.start, range.end);
      if (!anchor)
        throw new ApiError('invalid-request', 'a comment must be anchored to some text of the story');
      return change(storyId, (comments) => {
        const comment = Comment.parse({
          id: randomUUID(),
          storyId,
          anchor,
          author: user.id,
          authorName: user.name,
          text: text.trim(),
          at: now().toISOString(),
        });
        comments.push(comment);
        return comment;
      });
    },
    reply(storyId, commentId, text, user) {
      return change(storyId, (comments) => {
        const comment = find(comments, commentId);
        comment.replies.push({
          id: randomUUID(),
          author: user.id,
          authorName: user.name,
          text: text.trim(),
          at: now().toISOString(),
        });
        return comment;
      });
    },
    setResolved(storyId, commentId, resolved, user) {
      return change(storyId, (comments) => {
        const comment = find(comments, commentId);
        comment.resolved = resolved;
        if (resolved) {
          comment.resolvedBy = user.id;
          comment.resolvedAt = now().toISOString();
        } else {
          delete comment.resolvedBy;
          delete comment.resolvedAt;
        }
        return comment;
      });
    },
  };
}

/** The comment with its anchor found again in `body`; a quote that is gone marks it detached. */
function relocate(comment: Comment, body: StoryBody): Comment {
  const found = reanchor(body, comment.anchor);
  return found ? { ...comment, anchor: found, detached: false } : { ...comment, detached: true };
}
