// Injected into a copy of a report: once the page and its images have loaded, writes what the browser made of
// them into the page, one fact per line, for chromium --dump-dom to print.
window.addEventListener('load', function () {
  var lines = [];
  var page = document.documentElement;
  lines.push('viewport ' + page.clientWidth);
  lines.push('scrollWidth ' + page.scrollWidth);
  lines.push('scrollHeight ' + page.scrollHeight);
  lines.push('listed ' + document.querySelectorAll('details.contents li').length);
  var figures = document.querySelectorAll('figure');
  lines.push('figures ' + figures.length);
  figures.forEach(function (figure) {
    var shown = figure.querySelector(':scope > img, :scope > svg');
    if (!shown) {
      lines.push('figure ' + figure.id + ' none PROBLEM no img or svg');
      return;
    }
    var kind = shown.tagName.toLowerCase();
    var box = shown.getBoundingClientRect();
    var column = figure.closest('section').getBoundingClientRect();
    var problems = [];
    var ratio;
    if (kind === 'img') {
      if (!shown.complete || shown.naturalWidth === 0) {
        problems.push('the image did not load');
      }
      ratio = shown.naturalWidth / shown.naturalHeight;
    } else {
      var drawn = shown.getBBox();
      if (!(drawn.width > 0 && drawn.height > 0)) {
        problems.push('nothing is drawn');
      }
      ratio = shown.viewBox.baseVal.width / shown.viewBox.baseVal.height;
    }
    if (!(box.width > 0 && box.height > 0)) {
      problems.push('it takes no room');
    } else if (Math.abs(box.width / box.height / ratio - 1) > 0.02) {
      problems.push('shown at ' + box.width.toFixed(0) + 'x' + box.height.toFixed(0) + ', not in its proportions');
    }
    if (box.left < column.left - 0.5 || box.right > column.right + 0.5) {
      problems.push(box.width.toFixed(0) + ' px wide in a column of ' + column.width.toFixed(0));
    }
    lines.push('figure ' + figure.id + ' ' + kind + ' ' + (problems.length ? 'PROBLEM ' + problems.join('; ') : 'ok'));
  });
  performance.getEntriesByType('resource').forEach(function (entry) {
    if (entry.name.indexOf('data:') !== 0) {
      lines.push('fetched ' + entry.name);
    }
  });
  var out = document.createElement('pre');
  out.id = 'manynuts-probe';
  out.textContent = lines.join('\n');
  document.body.appendChild(out);
});
