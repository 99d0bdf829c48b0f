// Vector index over each paper's reduced (LSA) vector: "more like these" and "like this text".
// The dimension is substituted at apply time from the topic model ($dimensions).
CREATE VECTOR INDEX paper_embedding IF NOT EXISTS FOR (p:Paper) ON (p.embedding)
OPTIONS { indexConfig: { `vector.dimensions`: $dimensions, `vector.similarity_function`: 'cosine' } };
