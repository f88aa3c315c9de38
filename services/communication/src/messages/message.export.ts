import type { ExportSource } from '@meridian/platform';
import { MessageEntity } from './message.entity.js';
import { messageMapper } from './message.mapper.js';

const PAGE = 500;

/**
 * The workspace's messages in its data export (`communication/messages.json`): envelope and
 * delivery state, and bodies except those carrying a reset, verification or invite link.
 * An archive outlives the links' purpose and travels further than the outbox view, so those
 * bodies are never in it, not even from the dev outbox.
 */
export const messagesExport: ExportSource = {
  object: 'messages',
  async *rows(workspaceId, db) {
    let after: string | undefined;
    for (;;) {
      const page = await db.inWorkspace(workspaceId, (m) => {
        const qb = m.createQueryBuilder(MessageEntity, 'msg').where('msg.workspace_id = :workspaceId', { workspaceId });
        if (after) qb.andWhere('msg.id > :after', { after });
        return qb.orderBy('msg.id', 'ASC').limit(PAGE).getMany();
      });
      for (const message of page) yield { ...messageMapper.toExport(message) };
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id;
    }
  },
};
