/* Filter the task list by status, department and words, in the browser.
 * An enhancement only: without JavaScript the form stays hidden and the
 * full list shows. No network access, no storage. */
(function () {
	'use strict';
	var form = document.getElementById('task-filter');
	if (!form || !document.querySelectorAll || !form.addEventListener)
		return;
	var items = Array.prototype.slice.call(
		document.querySelectorAll('.task-list .task'));
	var texts = items.map(function (li) {
		return li.textContent.toLowerCase();
	});
	var count = document.getElementById('filter-count');
	var message = form.getAttribute('data-count') || '{n} / {total}';

	function matches(li, i, status, unit, words) {
		var units = ' ' + li.getAttribute('data-units') + ' ';
		return (!status || li.getAttribute('data-status') === status) &&
			(!unit || units.indexOf(' ' + unit + ' ') >= 0) &&
			(!words || texts[i].indexOf(words) >= 0);
	}

	function apply() {
		var status = form.elements.status.value;
		var unit = form.elements.unit.value;
		var words = form.elements.q.value.replace(/^\s+|\s+$/g, '').toLowerCase();
		var shown = 0;
		items.forEach(function (li, i) {
			var ok = matches(li, i, status, unit, words);
			li.hidden = !ok;
			if (ok)
				shown++;
		});
		count.textContent = message.replace('{n}', shown)
			.replace('{total}', items.length);
	}

	form.addEventListener('input', apply);
	form.addEventListener('change', apply);
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		apply();
	});
	form.hidden = false;
	apply();
}());
