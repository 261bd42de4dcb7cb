// A reporter that keeps Newman alive for a few seconds after the run is done and every export is
// written (exports come before the 'done' event): the window in which another user on the runner
// could read the reports, or in which the tool could be killed. Used by LeakByConstructionIT.
'use strict';

module.exports = function (newman) {
  newman.on('done', () => {
    console.log('SLOW-REPORTER-WAITING');
    setTimeout(() => console.log('SLOW-REPORTER-DONE'), 4000);
  });
};
