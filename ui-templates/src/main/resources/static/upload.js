// Drag and drop for the app page's upload form (templates/uploads/panel.html). Without this file the
// form is a plain file input that works the same; no inline script (the CSP forbids them).
(function () {
  'use strict';
  function enhance(form) {
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('.dropzone');
    if (!input || !zone) {
      return;
    }
    var label = zone.querySelector('span');
    var original = label ? label.textContent : '';
    function show() {
      if (label) {
        label.textContent = input.files && input.files.length ? 'Selected: ' + input.files[0].name : original;
      }
    }
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () {
        zone.classList.remove('dragging');
      });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
    input.addEventListener('change', show);
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), enhance);
  });
}());
