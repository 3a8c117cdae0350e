// Live updates of the LiveDesk sandbox's inbox view, without a reload: the
// page's stream (server-sent events, see view_events.go) sends regions that
// changed ("replace"), new messages of a conversation ("append"), and
// "stale" when what the page shows is gone. The HTML comes from the
// server's templates, which escape everything that came from the API.
"use strict";

(function () {
	var main = document.getElementById("main");
	var url = main && main.getAttribute("data-events");
	if (!url || !window.EventSource) {
		return;
	}

	// fragment parses one element of HTML without running anything in it.
	function fragment(html) {
		var t = document.createElement("template");
		t.innerHTML = html;
		return t.content.firstElementChild;
	}

	var source = new EventSource(url);

	source.addEventListener("replace", function (e) {
		var next = fragment(e.data);
		var current = next && document.getElementById(next.id);
		if (current && !current.isEqualNode(next)) {
			current.replaceWith(next);
		}
	});

	source.addEventListener("append", function (e) {
		var next = fragment(e.data);
		var list = document.querySelector("[data-live-list]");
		if (!next || !list || document.getElementById(next.id)) {
			return;
		}
		var empty = list.parentNode.querySelector(".empty");
		if (empty) {
			empty.remove();
		}
		var atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
		list.appendChild(next);
		if (atBottom) {
			next.scrollIntoView({block: "end"});
		}
	});

	source.addEventListener("stale", function () {
		source.close();
		window.location.reload();
	});
})();
