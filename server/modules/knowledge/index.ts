// Public surface of the knowledge base (知识库).
export { registerKnowledgeRoutes } from './routes.ts';
export { createAlias, createArticle, reviewStep, suggestArticles } from './service.ts';
