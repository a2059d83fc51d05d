/**
 * The peer for the benchmarks: a JSON schema of a Bitbucket Connect descriptor's top level, the
 * kind of schema a vendor can point VS Code's JSON support at today. It types the root members,
 * asks for the Forge keys in their documented shapes (patterns), and checks each module list's
 * items for a key, so that vscode-json-languageservice does real work on every module.
 */
import type { JSONSchema } from 'vscode-json-languageservice';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const i18nProperty: JSONSchema = {
  type: 'object',
  properties: { value: { type: 'string' }, i18n: { type: 'string' } },
  required: ['value'],
};

const moduleList: JSONSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      key: { type: 'string', pattern: '^[a-zA-Z0-9-]+$', maxLength: 100 },
      name: i18nProperty,
      url: { type: 'string' },
      location: { type: 'string' },
      conditions: { type: 'array', items: { type: 'object' } },
      params: { type: 'object' },
    },
    required: ['key'],
  },
};

export const DESCRIPTOR_SCHEMA: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Atlassian Connect descriptor for Bitbucket Cloud (top level)',
  type: 'object',
  properties: {
    key: { type: 'string', pattern: '^[a-zA-Z0-9-._]+$', maxLength: 80 },
    name: { type: 'string' },
    description: { type: 'string' },
    vendor: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
    baseUrl: { type: 'string', format: 'uri', pattern: '^https://' },
    forgeAppLink: {
      type: 'string',
      pattern: `^https://developer\\.atlassian\\.com/console/install/${UUID}\\?signature=[^&]+&product=bitbucket$`,
      description: 'The signed install link of the Forge app this Connect app is linked to.',
    },
    forgeAppId: { type: 'string', pattern: `^ari:cloud:ecosystem::app/${UUID}$`, description: 'The ARI of the linked Forge app.' },
    authentication: { type: 'object', properties: { type: { enum: ['jwt', 'none'] } }, required: ['type'] },
    lifecycle: {
      type: 'object',
      properties: { installed: { type: 'string' }, uninstalled: { type: 'string' } },
      additionalProperties: false,
    },
    contexts: { type: 'array', items: { enum: ['account', 'personal'] }, uniqueItems: true },
    scopes: {
      type: 'array',
      items: {
        enum: [
          'account',
          'account:write',
          'repository',
          'repository:write',
          'repository:admin',
          'pullrequest',
          'pullrequest:write',
          'issue',
          'issue:write',
          'webhook',
          'pipeline',
          'snippet',
          'wiki',
          'team',
          'project',
        ],
      },
      uniqueItems: true,
    },
    modules: {
      type: 'object',
      properties: {
        webhooks: {
          type: 'array',
          items: { type: 'object', properties: { event: { type: 'string' }, url: { type: 'string' } }, required: ['event', 'url'] },
        },
      },
      additionalProperties: moduleList,
    },
  },
  required: ['key', 'baseUrl', 'authentication', 'modules'],
};
