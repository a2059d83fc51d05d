/**
 * Scenario template-only (test/fixtures/vscode-workspace-template-only): a workspace whose only
 * descriptor is app/views/bitbucket/manifest.json.erb. package.json activates on the descriptor
 * template named as real descriptors are (the core's TEMPLATE_ACTIVATION_GLOB): VS Code starts the extension without
 * the file being opened, and the Problems panel lists what the template lacks.
 */
import { activatedWithoutOpening, fileIn, hasCode, waitForClosedFileDiagnostics } from './helpers';

const TEMPLATE = 'app/views/bitbucket/manifest.json.erb';

describe('a workspace whose descriptor is a template of another stem (manifest.json.erb)', () => {
  it('activates the extension without any file being opened', async () => {
    await activatedWithoutOpening();
  });

  it('lists the problems of the closed template', async () => {
    await waitForClosedFileDiagnostics(
      fileIn(TEMPLATE),
      'forge-app-link-missing on the closed template',
      hasCode('forge-app-link-missing'),
    );
  });
});
