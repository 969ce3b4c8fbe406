/* Coding by highlighting: select words in an excerpt and they go into that
 * excerpt's "words to code" field.  Without this script the field is
 * typed or pasted. */
(function () {
  'use strict';
  document.addEventListener('selectionchange', function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.anchorNode) return;
    var el = sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentNode;
    var item = el && el.closest ? el.closest('.excerpts > li') : null;
    if (!item || !item.querySelector('.excerpt').contains(el)) return;
    var field = item.querySelector('.quote-field');
    if (field) field.value = sel.toString().trim();
  });
})();
