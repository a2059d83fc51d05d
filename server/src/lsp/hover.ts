/** Hover on forgeAppLink / forgeAppId: what the key does and what its value says. */
import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findNodeAtOffset, Node } from 'jsonc-parser';
import {
  Analysis,
  AppIdCheck,
  FORGE_KEYS,
  InstallLinkCheck,
  LINK_DOCS_URL,
  checkAppId,
  checkInstallLink,
  consoleDistributionUrl,
} from '../core';
import { toRange } from './convert';

/** With `schemaDescribed`, the key's own description is left to the client's JSON schema. */
export function provideHover(document: TextDocument, analysis: Analysis, position: Position, schemaDescribed = false): Hover | null {
  const root = analysis.parsed.root;
  if (!root) return null;
  const node = findNodeAtOffset(root, document.offsetAt(position), true);
  const property = node?.parent?.type === 'property' ? node.parent : undefined;
  const keyNode = property?.children?.[0];
  if (!property || !keyNode || !(FORGE_KEYS as readonly unknown[]).includes(keyNode.value) || property.parent !== root) return null;
  const valueNode = property.children?.[1];
  if (schemaDescribed && node === keyNode) return null;
  const value = typeof valueNode?.value === 'string' ? valueNode.value : undefined;
  const all = keyNode.value === 'forgeAppLink' ? linkHover(property, value, analysis) : appIdHover(property, value, analysis);
  // The first line describes the key and the last links to Atlassian's page: both in the schema too.
  const lines = schemaDescribed ? all.slice(1, -1) : all;
  if (lines.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
    range: toRange(document, (node as Node).offset, (node as Node).offset + (node as Node).length),
  };
}

/** The analysis checked the value Bitbucket reads (the last key of the name); an earlier duplicate is checked here. */
function linkCheckOf(property: Node, value: string, analysis: Analysis): InstallLinkCheck {
  return analysis.link?.node === property && analysis.linkCheck
    ? analysis.linkCheck
    : checkInstallLink(value, { extraHosts: analysis.settings.consoleHosts });
}

function appIdCheckOf(property: Node, value: string, analysis: Analysis): AppIdCheck {
  return analysis.appId?.node === property && analysis.appIdCheck ? analysis.appIdCheck : checkAppId(value);
}

function linkHover(property: Node, value: string | undefined, analysis: Analysis): string[] {
  const lines = [
    "**forgeAppLink**: the installation link of this app's Forge version. Bitbucket Cloud shows it to workspace admins as **Get the Forge app** on their installed-apps page, once the updated descriptor is served and the installations are updated.",
  ];
  if (value !== undefined) {
    const check = linkCheckOf(property, value, analysis);
    if (check.templated) lines.push('The value is filled in when the descriptor is served.');
    else {
      const facts = [
        `App: ${check.uuid ? `\`${check.uuid}\`` : 'not found in the link'}`,
        `Products: ${check.products.length ? check.products.map((p) => `\`${p}\``).join(', ') : 'none'}`,
        `Signed: ${check.signed ? 'yes' : 'no'}`,
      ];
      lines.push(facts.join(' · '));
      if (check.uuid) lines.push(`[Open the app's distribution page](${consoleDistributionUrl(check.uuid)})`);
    }
  }
  lines.push(`[Atlassian: Link a Connect app to its Forge equivalent](${LINK_DOCS_URL})`);
  return lines;
}

function appIdHover(property: Node, value: string | undefined, analysis: Analysis): string[] {
  const lines = [
    "**forgeAppId**: the ARI of this app's Forge version (`app.id` in its `manifest.yml`). It lets the Forge app fetch the clientKey of this Connect app's installation in the same workspace through the Addon API (`GET /2.0/addon/{addon_key}/client-key`).",
  ];
  if (value !== undefined) {
    const check = appIdCheckOf(property, value, analysis);
    if (check.uuid) lines.push(`App: \`${check.uuid}\` · [Open in the developer console](${consoleDistributionUrl(check.uuid)})`);
  }
  const manifests = analysis.manifests;
  if (manifests.searched) {
    if (manifests.matches.length === 0) lines.push('No Forge `manifest.yml` in the workspace matches this descriptor.');
    for (const match of manifests.matches) {
      const state = match.appId
        ? `\`app.id\` ${match.appId === value ? 'matches' : `is \`${match.appId}\``}`
        : (match.problem ?? 'has no usable app.id');
      lines.push(`Manifest \`${match.label}\` (${manifests.reason ?? 'matched'}): ${state}`);
    }
  }
  lines.push(`[Atlassian: Link a Connect app to its Forge equivalent](${LINK_DOCS_URL})`);
  return lines;
}
