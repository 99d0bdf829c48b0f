import { registerEnumType } from 'type-graphql';
import type { PaperOrder as PaperOrderName } from '../../graph/cypher/reads.js';

export enum PaperOrder {
  PUBLISHED_DESC = 'PUBLISHED_DESC',
  PUBLISHED_ASC = 'PUBLISHED_ASC',
  UPVOTES_DESC = 'UPVOTES_DESC',
  TITLE_ASC = 'TITLE_ASC',
}
registerEnumType(PaperOrder, {
  name: 'PaperOrder',
  description: 'Orders of paper lists; ties are broken by id, so pages never overlap.',
  valuesConfig: {
    PUBLISHED_DESC: { description: 'Newest first; undated papers last.' },
    PUBLISHED_ASC: { description: 'Oldest first; undated papers last.' },
    UPVOTES_DESC: { description: 'Most upvoted first; papers without upvotes last.' },
    TITLE_ASC: { description: 'By title, case-insensitive.' },
  },
});

// Keeps the GraphQL enum and the Cypher builder's orders in step at compile time.
export const toOrderName = (o: PaperOrder): PaperOrderName => o;
