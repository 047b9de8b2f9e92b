//! Putting results on another site: the iframe snippet for a portal page,
//! the height message the card sends, and the chart as a standalone SVG file.

/// `type` of the message the embedded card posts to its host page, with
/// `height` in CSS pixels: `{"type": "budmm-embed-height", "height": 612}`.
pub const HEIGHT_MESSAGE: &str = "budmm-embed-height";
/// Height a host gets without the resize script; fits the card at 800 px.
pub const DEFAULT_HEIGHT: u32 = 720;

/// Escapes text for an HTML attribute value in double quotes.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// The HTML a portal editor pastes: the iframe, and a few lines of script
/// that size it from the card's height messages.
pub fn snippet(url: &str, title: &str) -> String {
    format!(
        r#"<iframe src="{url}" title="{title}" loading="lazy" style="width:100%;max-width:800px;height:{DEFAULT_HEIGHT}px;border:0"></iframe>
<script>
window.addEventListener("message", function (event) {{
  var data = event.data;
  if (!data || data.type !== "{HEIGHT_MESSAGE}") return;
  document.querySelectorAll("iframe").forEach(function (frame) {{
    if (frame.contentWindow === event.source) frame.style.height = Math.ceil(data.height) + "px";
  }});
}});
</script>
"#,
        url = escape_attr(url),
        title = escape_attr(title),
    )
}

/// One row of the card's table: a competency and its level, in words.
pub struct CardRow {
    pub name: String,
    pub level: String,
}

/// What the card shows, its text already in the reader's language.
pub struct Card<'a> {
    pub title: &'a str,
    /// The city, when the title is an initiative's name.
    pub place: Option<&'a str>,
    pub date: &'a str,
    /// The chart with its legend (`chart::figure_html`).
    pub figure: &'a str,
    pub caption: &'a str,
    pub rows: &'a [CardRow],
    pub source: &'a str,
    pub full_href: &'a str,
    pub full_text: &'a str,
}

/// The card's content: title, place and date, chart, levels, source, and a
/// link to the full results. Markup written once, here, for the card page
/// (which needs nothing else) and the offline edition; every text escaped.
pub fn card_html(c: &Card) -> String {
    let e = escape_attr;
    let mut out = format!("<h1>{}</h1><p class=\"meta\">", e(c.title));
    if let Some(place) = c.place {
        out.push_str(&format!("<span>{}</span>", e(place)));
    }
    out.push_str(&format!("<span>{}</span></p>", e(c.date)));
    out.push_str(c.figure);
    out.push_str(&format!(
        "<table class=\"compact\"><caption>{}</caption><tbody>",
        e(c.caption)
    ));
    for r in c.rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            e(&r.name),
            e(&r.level)
        ));
    }
    out.push_str(&format!(
        "</tbody></table><p class=\"small\">{}</p><p><a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a></p>",
        e(c.source),
        e(c.full_href),
        e(c.full_text)
    ));
    out
}

/// The regional card: the group's title, how many places, the distribution
/// of each competency (`chart::distribution_html`) and the source. Every
/// text escaped here or there.
pub fn region_card_html(title: &str, count: &str, distribution: &str, source: &str) -> String {
    let e = escape_attr;
    format!(
        "<h1>{}</h1><p class=\"meta\"><span>{}</span></p>{distribution}<p class=\"small\">{}</p>",
        e(title),
        e(count),
        e(source)
    )
}

/// The card's content when its link cannot be read.
pub fn card_error_html(title: &str, text: &str) -> String {
    format!(
        "<h1>{}</h1><p>{}</p>",
        escape_attr(title),
        escape_attr(text)
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_card_escapes_everything_it_shows() {
        let rows = [CardRow {
            name: "Open <Data>".into(),
            level: "Level 2 · Basic".into(),
        }];
        let html = card_html(&Card {
            title: "<img src=x onerror=alert(1)>",
            place: Some("São & Paulo"),
            date: "2 March 2027",
            figure: "<figure></figure>",
            caption: "Levels",
            rows: &rows,
            source: "Source",
            full_href: "https://x.example/#/shared/1/a\"b",
            full_text: "See all",
        });
        assert!(html.starts_with("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"));
        assert!(html.contains("<span>São &amp; Paulo</span>"));
        assert!(html.contains("<th scope=\"row\">Open &lt;Data&gt;</th>"));
        assert!(html.contains("href=\"https://x.example/#/shared/1/a&quot;b\""));
        assert!(!html.contains("<img"));
        assert_eq!(
            card_error_html("<b>", "x&y"),
            "<h1>&lt;b&gt;</h1><p>x&amp;y</p>"
        );
    }

    #[test]
    fn snippet_escapes_what_users_typed() {
        let s = snippet(
            "https://x.org/app/#/embed/1/abc",
            "Results: \"Bike\" <share> & more",
        );
        assert!(s.contains(r#"title="Results: &quot;Bike&quot; &lt;share&gt; &amp; more""#));
        assert!(s.contains(r#"src="https://x.org/app/#/embed/1/abc""#));
        assert!(s.contains(HEIGHT_MESSAGE));
        assert_eq!(s.matches("<script>").count(), 1);
    }
}
