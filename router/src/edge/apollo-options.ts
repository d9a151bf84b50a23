import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ValidationRule } from 'graphql';
import { readEdgeConfig, type EdgeConfig } from '@caregraph/platform/edge-config';
import type { RouterContext } from '../context.ts';
import { costLimit } from './cost-limit.ts';
import { operationResolution } from './operation-resolution.ts';
import { scopedPersistedQueries } from './persisted-queries.ts';
import { standardScalars } from './standard-scalars.ts';
import { queryLimits } from './query-limits.ts';
import { tokenLimit } from './token-limit.ts';
import { TrustedDocuments } from './trusted-documents/manifest.ts';
import { trustedDocumentsOnly } from './trusted-documents/plugin.ts';

export type EdgeApolloOptions = Pick<
  ApolloServerOptions<RouterContext>,
  'introspection' | 'csrfPrevention' | 'allowBatchedHttpRequests' | 'cache' | 'persistedQueries' | 'parseOptions'
> & { validationRules: ValidationRule[]; plugins: ApolloServerPlugin<RouterContext>[] };

/**
 * The router's Apollo Server settings for the edge: query limits, trusted documents, automatic
 * persisted queries, and Apollo's own guards stated explicitly so no upgrade turns them off.
 */
export function edgeApolloOptions(config: EdgeConfig, trustedDocuments: TrustedDocuments): EdgeApolloOptions {
  const limits = queryLimits(config);
  const tokens = tokenLimit<RouterContext>(config.maxTokens);
  const apq = scopedPersistedQueries(config.apqTtlSeconds);
  return {
    introspection: config.developmentTools,
    // Apollo's CSRF prevention: a GET, or a POST of a type a form could send, needs a header a
    // cross-site page cannot set without a CORS preflight (`apollo-require-preflight`, `content-type`).
    csrfPrevention: true,
    // One operation per request: a batch would multiply every limit by its length.
    allowBatchedHttpRequests: false,
    cache: 'bounded',
    // Automatic persisted queries (the dashboard sends a hash instead of the text), registered per
    // principal (persisted-queries.ts); the limits run before an operation is registered.
    persistedQueries: apq.persistedQueries,
    parseOptions: tokens.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<RouterContext>[]),
      tokens.plugin,
      // Before the cost: an operation that cannot run is refused as such, not costed.
      operationResolution<RouterContext>(),
      standardScalars<RouterContext>(),
      costLimit<RouterContext>(config.maxCost),
      trustedDocumentsOnly(trustedDocuments),
      apq.plugin,
      // Apollo's landing page loads Sandbox from a CDN (broken offline), and shows by default even in
      // production: off in every mode. Development's explorer is GraphiQL from the dashboard's build
      // (router/src/dashboard/explorer.ts).
      ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<RouterContext>,
    ],
  };
}

/** The documented defaults, no client restricted: for a router built without configuration (tests). */
export function defaultEdgeApolloOptions(): EdgeApolloOptions {
  return edgeApolloOptions(readEdgeConfig({ NODE_ENV: process.env.NODE_ENV }, []), TrustedDocuments.none());
}
