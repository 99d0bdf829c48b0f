// A topic's papers by date (papers(filter: { topicId }), Topic.papers) read in index order
// instead of sorting the topic: Paper.topicId is the id of the topic the paper is IN_TOPIC
// of, written with that relationship.
CREATE INDEX paper_topic_published IF NOT EXISTS FOR (p:Paper) ON (p.topicId, p.publishedAt);
