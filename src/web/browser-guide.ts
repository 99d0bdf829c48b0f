/**
 * The Neo4j Browser guide (`:guide <url>`), written from the current topic model with this
 * graph's real ids. Pure: a sample of the graph in, HTML out.
 *
 * Neo4j Browser 5 (5.24, the version the launcher serves) reads a remote guide as HTML unless
 * its URL ends in `.md`: every `<slide>` is a page of the guide, its `<title>` the guide's name,
 * and a `<pre class="runnable">` is a query one click puts in the editor (its play icon runs
 * it). The Browser strips scripts and `on*` handlers; its page allows images only from itself
 * and `data:`, so the guide has none. Queries use Browser parameters (`$topicId`), set by the
 * `:param` lines on the first slide and repeated on the slide that needs them.
 */
import type { GuideSample } from '../domain/guide.js';
import { escapeHtml } from './html.js';

export interface GuideUrls {
  /** Where the Browser fetches the GRASS style, e.g. `http://127.0.0.1:4000/browser/style.grass`. */
  readonly style: string;
  /** This server's GraphQL endpoint, mentioned on the last slide. */
  readonly graphql: string;
}

/** One runnable block: a Browser command (`:param`, `:style`) or one Cypher statement. */
export interface GuideQuery {
  readonly text: string;
  /** A `:` command rather than Cypher. */
  readonly command: boolean;
}

interface Slide {
  readonly title: string;
  /** HTML paragraphs (already escaped where they carry data). */
  readonly intro: readonly string[];
  readonly queries: readonly { readonly caption: string; readonly text: string }[];
}

/** A Cypher string literal (the Browser evaluates `:param x => <expression>` as Cypher). */
const cypherString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const param = (name: string, value: string): string => `:param ${name} => ${cypherString(value)}`;

/** The parameters the guide's queries use, with this graph's values. */
export function guideParams(sample: GuideSample): Record<string, string> {
  const out: Record<string, string> = {
    topicId: sample.topic.id,
    otherTopicId: sample.bridge?.to.id ?? sample.neighbour?.id ?? sample.topic.id,
    searchText: sample.topic.terms[0] ?? sample.topic.label,
  };
  if (sample.bridge) {
    out.topicId = sample.bridge.from.id;
    out.otherTopicId = sample.bridge.to.id;
  }
  if (sample.paper) out.paperId = sample.paper.id;
  if (sample.author) out.authorId = sample.author.id;
  return out;
}

// The model chain is `(:TopicModel)-[:SUCCEEDS]->(:TopicModel)` with `moves` (JSON) and
// `reason` on the newer model; a graph written before the chain existed has neither, and then
// the newest older model (by createdAt) is the one before. Always one row.
const MODEL_DIFF = `MATCH (m:TopicModel {current: true})
OPTIONAL MATCH (m)-[s:SUCCEEDS]->(chained:TopicModel)
CALL (m) {
  OPTIONAL MATCH (o:TopicModel) WHERE o.version <> m.version AND o.createdAt < m.createdAt
  RETURN o ORDER BY o.createdAt DESC LIMIT 1
}
WITH m, s, coalesce(chained, o) AS previous, coalesce(m.moves, s.moves) AS moves
RETURN m.version AS current, m.k AS topics, previous.version AS previous, previous.k AS previousTopics,
  m.reason AS reason,
  CASE
    WHEN previous IS NULL THEN 'This graph has one topic model so far: nothing to compare with yet (npm run recluster builds the next one).'
    WHEN moves IS NULL OR moves = '[]' THEN 'The model before this one is ' + previous.version + '; it recorded no topic moves.'
    ELSE 'How topics moved from ' + previous.version + ' to ' + m.version + ' (kept, split, merged, new, dissolved): see moves.'
  END AS summary,
  moves`;

function slides(sample: GuideSample, urls: GuideUrls): Slide[] {
  const params = guideParams(sample);
  const topicLine = param('topicId', params.topicId ?? sample.topic.id);
  const out: Slide[] = [];

  out.push({
    title: 'PaperGraph: explore the topics',
    intro: [
      `This graph holds <b>${sample.papers}</b> papers in <b>${sample.k}</b> topics of model <code>${escapeHtml(sample.modelVersion)}</code>. ` +
        'Click a query to put it in the editor; its play icon runs it.',
      'First apply the PaperGraph style (captions by title, label and name; a colour per label; scores on the edges) and set the parameters the queries use, all ids of this graph:',
    ],
    queries: [
      { caption: 'Style', text: `:style ${urls.style}` },
      ...Object.entries(params).map(([name, value]) => ({ caption: name, text: param(name, value) })),
    ],
  });

  out.push({
    title: 'The graph model',
    intro: [
      'Papers belong to one topic each (<code>IN_TOPIC {score}</code>, closeness to the topic centre), link to their most similar papers (<code>SIMILAR_TO {score, sharedTerms}</code>) and carry their top keywords. Topics of the current model link to their neighbours (<code>RELATED_TOPIC {score}</code>).',
    ],
    queries: [{ caption: 'Labels and relationship types', text: 'CALL db.schema.visualization()' }],
  });

  out.push({
    title: 'Topics by size',
    intro: [
      `The largest topic is <b>${escapeHtml(sample.topic.label)}</b> (${sample.topic.size} papers). Each topic is labelled by its top terms (class-based TF-IDF).`,
    ],
    queries: [
      {
        caption: 'Topics of the current model, largest first',
        text: `MATCH (m:TopicModel {current: true})
MATCH (t:Topic {modelVersion: m.version})
RETURN t.id AS id, t.label AS label, t.size AS papers, t.terms[..8] AS terms
ORDER BY papers DESC, id`,
      },
      {
        caption: 'The topics and how they relate, as a graph',
        text: `MATCH (m:TopicModel {current: true})
MATCH (t:Topic {modelVersion: m.version})
OPTIONAL MATCH (t)-[r:RELATED_TOPIC]->(u:Topic)
RETURN t, r, u`,
      },
    ],
  });

  out.push({
    title: 'One topic: its most central papers and its neighbours',
    intro: [
      `<code>$topicId</code> is <b>${escapeHtml(labelOf(sample, params.topicId))}</b>. Central papers have the highest <code>IN_TOPIC</code> score.`,
    ],
    queries: [
      { caption: 'Parameter', text: topicLine },
      {
        caption: 'The ten most central papers and the neighbouring topics',
        text: `MATCH (t:Topic {id: $topicId})<-[r:IN_TOPIC]-(p:Paper)
WITH t, p, r ORDER BY r.score DESC, p.id LIMIT 10
WITH t, collect(p) AS papers, collect(r) AS memberships
OPTIONAL MATCH (t)-[n:RELATED_TOPIC]-(u:Topic)
RETURN t, papers, memberships, collect(n) AS links, collect(u) AS neighbours`,
      },
      {
        caption: 'The same as a table',
        text: `MATCH (t:Topic {id: $topicId})<-[r:IN_TOPIC]-(p:Paper)
RETURN p.title AS paper, round(r.score, 3) AS centrality ORDER BY centrality DESC, paper LIMIT 10`,
      },
    ],
  });

  if (sample.paper) {
    out.push({
      title: 'A paper and its related papers',
      intro: [
        `<code>$paperId</code> is <i>${escapeHtml(sample.paper.title)}</i>. Each <code>SIMILAR_TO</code> edge carries its cosine <code>score</code> and the <code>sharedTerms</code> that make the papers related (click an edge to see them).`,
      ],
      queries: [
        { caption: 'Parameter', text: param('paperId', sample.paper.id) },
        {
          caption: 'Related papers as a graph',
          text: `MATCH (p:Paper {id: $paperId})-[s:SIMILAR_TO]->(q:Paper)
RETURN p, s, q`,
        },
        {
          caption: 'The shared terms on each edge',
          text: `MATCH (p:Paper {id: $paperId})-[s:SIMILAR_TO]->(q:Paper)
RETURN q.title AS related, round(s.score, 3) AS score, s.sharedTerms AS sharedTerms
ORDER BY score DESC, related`,
        },
      ],
    });
    out.push({
      title: 'Papers like this one (vector index)',
      intro: [
        'The vector index <code>paper_embedding</code> holds each paper\u2019s reduced (LSA) vector: the nearest papers by cosine, found by the index rather than a scan.',
      ],
      queries: [
        { caption: 'Parameter', text: param('paperId', sample.paper.id) },
        {
          caption: 'The ten nearest papers',
          text: `MATCH (p:Paper {id: $paperId})
CALL db.index.vector.queryNodes('paper_embedding', 11, p.embedding) YIELD node, score
WITH node, score WHERE node <> p
RETURN node.title AS paper, round(score, 3) AS cosine ORDER BY cosine DESC, paper LIMIT 10`,
        },
      ],
    });
  }

  out.push({
    title: 'Papers per month of a topic',
    intro: ['Undated papers are not counted.'],
    queries: [
      { caption: 'Parameter', text: topicLine },
      {
        caption: 'Papers per month, oldest first',
        text: `MATCH (t:Topic {id: $topicId})<-[:IN_TOPIC]-(p:Paper)
WHERE p.publishedAt IS NOT NULL
RETURN substring(toString(p.publishedAt), 0, 7) AS month, count(*) AS papers
ORDER BY month`,
      },
    ],
  });

  out.push(bridgeSlide(sample, params));
  out.push(circleSlide(sample));

  out.push({
    title: 'Full-text search',
    intro: [
      'The full-text index <code>paper_text</code> covers titles and abstracts (Lucene syntax here; the GraphQL <code>search</code> treats input as plain words).',
    ],
    queries: [
      { caption: 'Parameter', text: param('searchText', params.searchText ?? sample.topic.label) },
      {
        caption: 'Best matches',
        text: `CALL db.index.fulltext.queryNodes('paper_text', $searchText) YIELD node, score
RETURN node.title AS paper, round(score, 3) AS score LIMIT 10`,
      },
    ],
  });

  out.push({
    title: 'How this model differs from the one before',
    intro: [
      sample.previousVersion
        ? `This model replaced <code>${escapeHtml(sample.previousVersion)}</code>.`
        : 'This graph has had one topic model so far; after <code>npm run recluster</code> this query shows the moves between the two.',
      'Topics that persist across a rebuild keep their ids; the moves (kept, split, merged, new, dissolved) are stored with the model.',
    ],
    queries: [{ caption: 'The current model and the one before', text: MODEL_DIFF }],
  });

  out.push({
    title: 'More',
    intro: [
      `The same graph answers GraphQL at <code>${escapeHtml(urls.graphql)}</code>. This guide is generated from the current topic model: run <code>:guide</code> with its URL again after an ingest or a re-cluster.`,
    ],
    queries: [],
  });
  return out;
}

function labelOf(sample: GuideSample, id: string | undefined): string {
  const known = [sample.bridge?.from, sample.bridge?.to, sample.neighbour, sample.topic];
  return known.find((t) => t !== undefined && t !== null && t.id === id)?.label ?? sample.topic.label;
}

function bridgeSlide(sample: GuideSample, params: Record<string, string>): Slide {
  const title = 'Authors who bridge two topics';
  if (!sample.bridge) {
    return {
      title,
      intro: [
        'No author in this graph has papers in two topics: its sources name no authors (the demo listing gives only how many each paper has) or each author stays in one topic. Named authors per topic:',
      ],
      queries: [
        {
          caption: 'Named authors per topic',
          text: `MATCH (m:TopicModel {current: true})
MATCH (t:Topic {modelVersion: m.version})
RETURN t.label AS topic, t.size AS papers, COUNT { (t)<-[:IN_TOPIC]-(:Paper)<-[:AUTHORED]-(:Author) } AS namedAuthorships
ORDER BY papers DESC, topic`,
        },
      ],
    };
  }
  return {
    title,
    intro: [
      `<b>${escapeHtml(sample.bridge.from.label)}</b> and <b>${escapeHtml(sample.bridge.to.label)}</b> share ${sample.bridge.authors} author(s), more than any other pair of topics.`,
    ],
    queries: [
      { caption: 'Parameters', text: param('topicId', params.topicId ?? sample.bridge.from.id) },
      { caption: '', text: param('otherTopicId', params.otherTopicId ?? sample.bridge.to.id) },
      {
        caption: 'Authors with papers in both',
        text: `MATCH (t:Topic {id: $topicId})<-[:IN_TOPIC]-(p:Paper)<-[:AUTHORED]-(a:Author)
MATCH (a)-[:AUTHORED]->(q:Paper)-[:IN_TOPIC]->(u:Topic {id: $otherTopicId})
RETURN a.name AS author, collect(DISTINCT p.title) AS inTopic, collect(DISTINCT q.title) AS inOtherTopic
ORDER BY size(inTopic) + size(inOtherTopic) DESC, author LIMIT 25`,
      },
      {
        caption: 'As a graph',
        text: `MATCH path = (t:Topic {id: $topicId})<-[:IN_TOPIC]-(:Paper)<-[:AUTHORED]-(a:Author)-[:AUTHORED]->(:Paper)-[:IN_TOPIC]->(u:Topic {id: $otherTopicId})
RETURN path LIMIT 50`,
      },
    ],
  };
}

function circleSlide(sample: GuideSample): Slide {
  const title = 'Co-author circles';
  if (!sample.author) {
    return {
      title,
      intro: [
        'This graph has no co-authors to draw: its sources name no authors (the demo listing gives only how many each paper has). Ingest Daily Papers JSON, arXiv or OpenAlex records to get them. What the papers say about their authors:',
      ],
      queries: [
        {
          caption: 'Authors per paper',
          text: `MATCH (p:Paper)
RETURN count(p) AS papers, sum(p.authorCount) AS authorships, COUNT { (:Author) } AS namedAuthors`,
        },
      ],
    };
  }
  return {
    title,
    intro: [
      `<code>$authorId</code> is <b>${escapeHtml(sample.author.name)}</b>, the author with the most co-authors here.`,
    ],
    queries: [
      { caption: 'Parameter', text: param('authorId', sample.author.id) },
      {
        caption: 'Co-authors, most shared papers first',
        text: `MATCH (a:Author {id: $authorId})-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Author)
RETURN c.name AS coauthor, count(p) AS sharedPapers ORDER BY sharedPapers DESC, coauthor LIMIT 25`,
      },
      {
        caption: 'The circle two steps out, as a graph',
        text: `MATCH path = (a:Author {id: $authorId})-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(:Author)
RETURN path LIMIT 100`,
      },
    ],
  };
}

/** Every runnable block of the guide, in order (what a reader can click). */
export function guideQueries(sample: GuideSample, urls: GuideUrls): GuideQuery[] {
  return slides(sample, urls).flatMap((s) =>
    s.queries.map((q) => ({ text: q.text, command: q.text.startsWith(':') })),
  );
}

/** The guide for a graph without a topic model: one slide that says how to get one. */
export function renderEmptyGuide(): string {
  return page([
    {
      title: 'PaperGraph: nothing ingested yet',
      intro: [
        'This graph has no topic model yet. Ingest papers (<code>npm run ingest -- &lt;file&gt;</code>, or restart <code>npm start</code> on an empty graph for the demo corpus), then run this guide again.',
      ],
      queries: [{ caption: 'What the graph holds', text: 'MATCH (n) RETURN count(n) AS nodes' }],
    },
  ]);
}

export function renderGuide(sample: GuideSample, urls: GuideUrls): string {
  return page(slides(sample, urls));
}

function page(all: readonly Slide[]): string {
  const body = all
    .map((s, i) => {
      const intro = s.intro.map((p) => `      <p>${p}</p>`).join('\n');
      const queries = s.queries
        .map(
          (q) =>
            (q.caption ? `      <p class="caption">${escapeHtml(q.caption)}</p>\n` : '') +
            `      <pre class="runnable">${escapeHtml(q.text)}</pre>`,
        )
        .join('\n');
      return `  <slide class="row-fluid" id="slide-${i}">
    <div class="col-sm-12">
      <h3>${escapeHtml(s.title)}</h3>
${intro}
${queries}
    </div>
  </slide>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PaperGraph: topic clusters</title>
</head>
<body>
<article class="guide">
<carousel class="deck container-fluid">
${body}
</carousel>
</article>
</body>
</html>
`;
}
