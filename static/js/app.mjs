// Progressive enhancement only: every page works without JavaScript.
import { initAll as initGovukFrontend } from '../vendor/govuk/govuk-frontend.min.js'
import { initAll as initMojFrontend } from '../vendor/moj/moj-frontend.min.js'
import { initJobProgress } from './job-progress.mjs'

initGovukFrontend()
initMojFrontend()
initJobProgress({ afterUpdate: ($scope) => initGovukFrontend({ scope: $scope }) })
