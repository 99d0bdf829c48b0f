// Range indexes for filters and sort orders used by the API.
CREATE INDEX paper_published_at IF NOT EXISTS FOR (p:Paper) ON (p.publishedAt);
CREATE INDEX paper_arxiv_id IF NOT EXISTS FOR (p:Paper) ON (p.arxivId);
CREATE INDEX paper_doi IF NOT EXISTS FOR (p:Paper) ON (p.doi);
CREATE INDEX paper_title_key IF NOT EXISTS FOR (p:Paper) ON (p.titleKey);
CREATE INDEX author_name IF NOT EXISTS FOR (a:Author) ON (a.name);
CREATE INDEX topic_model_version_idx IF NOT EXISTS FOR (t:Topic) ON (t.modelVersion);
// Full-text search over title + abstract (the API's `search`).
CREATE FULLTEXT INDEX paper_text IF NOT EXISTS FOR (p:Paper) ON EACH [p.title, p.abstract];
CREATE FULLTEXT INDEX author_name_text IF NOT EXISTS FOR (a:Author) ON EACH [a.name];
