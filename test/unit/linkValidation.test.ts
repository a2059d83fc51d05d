/**
 * What the "Set forgeAppLink…" input box says of a link (server/src/core/linkValidation.ts: the
 * server answers the box's connectForgeLink/checkLink with it): the first thing wrong as the link
 * reads, an error only when it cannot be used, and a warning when it installs another app than the
 * descriptor names.
 */
import * as assert from 'node:assert/strict';
import { validateLink } from '../../server/src/core';
import { LINK, OTHER_UUID, UUID } from '../support/core';

const BY_ID_AND_MANIFEST = [
  { uuid: UUID, by: 'forgeAppId' },
  { uuid: UUID, by: 'forge-app/manifest.yml' },
];

describe('the input box of Set forgeAppLink…', () => {
  it('takes a good link for the app the descriptor names, silently', () => {
    assert.equal(validateLink(LINK, [], BY_ID_AND_MANIFEST), undefined);
    assert.equal(validateLink(LINK, [], []), undefined);
  });

  it('warns before it takes a link for another app than forgeAppId and the manifest name', () => {
    assert.deepEqual(validateLink(LINK.replace(UUID, OTHER_UUID), [], BY_ID_AND_MANIFEST), {
      message: `This link installs the app ${OTHER_UUID}, but forgeAppId and forge-app/manifest.yml name ${UUID}.`,
      severity: 'warning',
    });
    assert.deepEqual(
      validateLink(
        LINK,
        [],
        [
          { uuid: UUID, by: 'forge-app/manifest.yml' },
          { uuid: OTHER_UUID, by: 'forgeAppId' },
        ],
      ),
      {
        message: `This link installs the app ${UUID}, but forgeAppId names ${OTHER_UUID}.`,
        severity: 'warning',
      },
    );
  });

  it('still warns of the other app when the link has another problem it can be taken with, after that problem', () => {
    const other = LINK.replace(UUID, OTHER_UUID);
    const otherApp = `This link installs the app ${OTHER_UUID}, but forgeAppId and forge-app/manifest.yml name ${UUID}.`;
    const cases = [
      { link: other.replace('https:', 'http:'), cause: 'forgeAppLink must use https, not "http".' },
      {
        link: other.replace('product=bitbucket', 'product=jira'),
        cause:
          'forgeAppLink installs the app in jira, not Bitbucket. Share the Forge app for Bitbucket and use a link with "product=bitbucket".',
      },
      {
        link: other.replace(/signature=[^&]*&/, ''),
        cause: 'forgeAppLink has no "signature", so the link does not install the app. Copy the whole link from the developer console.',
      },
    ];
    for (const { link, cause } of cases) {
      assert.deepEqual(validateLink(link, [], BY_ID_AND_MANIFEST), { message: `${cause} ${otherApp}`, severity: 'warning' }, link);
    }
  });

  it('names the scheme of an http link, its most specific cause, even while the app id is still being typed', () => {
    assert.deepEqual(validateLink(LINK.replace('https:', 'http:'), [], BY_ID_AND_MANIFEST), {
      message: 'forgeAppLink must use https, not "http".',
      severity: 'warning',
    });
    const typing = validateLink('http://developer.atlassian.com/console/install/3f1c', [], []);
    assert.equal(typing?.severity, 'error', 'no app id yet: it cannot be taken');
    assert.match(typing?.message ?? '', /^forgeAppLink must use https, not "http"\. "3f1c" is not a Forge app UUID/);
  });

  it('blocks what is no installation link, and warns of what the link lacks', () => {
    assert.equal(validateLink('not a link', [], [])?.severity, 'error');
    assert.deepEqual(validateLink(LINK.replace(/signature=[^&]*&/, ''), [], []), {
      message: 'forgeAppLink has no "signature", so the link does not install the app. Copy the whole link from the developer console.',
      severity: 'warning',
    });
  });
});
