import Foundation

/// Pairing cards as one print-ready HTML page: A4, one card per printed page (CSS page breaks),
/// Chinese fonts with fallbacks for Linux, macOS and Windows, black on white, no scripts and nothing
/// loaded from the network. On screen each card shows as a sheet of paper.
public enum PairingCardsHTML {
    public static let fontFamily = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"SimSun\", sans-serif"

    static let style = """
        @page { size: A4; margin: 16mm 15mm; }
        * { box-sizing: border-box; }
        body { font-family: \(fontFamily); font-size: 11pt; line-height: 1.45; color: #000; background: #fff; margin: 0; }
        .card { page-break-after: always; break-after: page; page-break-inside: avoid; break-inside: avoid; }
        .card:last-child { page-break-after: auto; break-after: auto; }
        h1 { font-size: 20pt; text-align: center; letter-spacing: 0.4em; margin: 0 0 2mm; }
        .meta { text-align: center; margin: 0 0 5mm; }
        h2 { font-size: 12.5pt; margin: 4mm 0 1.5mm; }
        table { width: 100%; border-collapse: collapse; }
        th, td { border: 0.6pt solid #000; padding: 1.6mm 2.5mm; text-align: left; vertical-align: top; }
        th { width: 24%; font-weight: normal; background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        ol.duties { margin: 0; padding-left: 1.6em; }
        ol.duties li { margin: 1.5mm 0; }
        .box { display: inline-block; width: 0.95em; height: 0.95em; border: 0.6pt solid #000; vertical-align: -0.1em; margin-right: 0.4em; }
        .done { float: right; }
        .months { margin: 2mm 0 0; }
        .months span { margin-right: 1.2em; white-space: nowrap; }
        table.signatures th { width: auto; text-align: center; }
        table.signatures td { height: 16mm; vertical-align: bottom; }
        .notice { font-size: 9pt; margin-top: 4mm; }
        @media screen {
            body { background: #ccc; }
            .card { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 16mm 15mm; box-shadow: 0 0 3mm #888; }
        }
        """

    public static func document(_ cards: [PairingCard]) -> String {
        let pageTitle = PairingCards.title + (cards.first.map { "（\($0.semesterTitle)）" } ?? "")
        var out = """
            <!DOCTYPE html>
            <html lang="zh-Hans">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(pageTitle))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>

            """
        if cards.isEmpty { out += "<p>没有进行中的结对。</p>\n" }
        for card in cards { out += section(card) }
        out += "</body>\n</html>\n"
        return out
    }

    static func section(_ card: PairingCard) -> String {
        var out = "<section class=\"card\" id=\"pairing-\(card.pairingID)\">\n"
        out += "<h1>\(escape(PairingCards.title))</h1>\n"
        out += "<p class=\"meta\"><strong>\(escape(card.semesterTitle))</strong>（\(escape(card.semesterSpan))）"
            + "　第 \(card.number) 张，共 \(card.total) 张</p>\n"
        for s in card.sections {
            out += "<h2>\(escape(s.title))</h2>\n<table>\n"
            for line in s.lines { out += "<tr><th>\(escape(line.label))</th><td>\(escape(line.value))</td></tr>\n" }
            out += "</table>\n"
        }
        out += "<h2>\(escape(card.dutiesTitle))</h2>\n<ol class=\"duties\">\n"
        let done = card.months.isEmpty ? "<span class=\"done\">完成日期：＿＿＿＿＿＿</span>" : ""
        for duty in card.duties { out += "<li><span class=\"box\"></span>\(escape(duty))\(done)</li>\n" }
        out += "</ol>\n"
        if !card.months.isEmpty {
            out += "<p class=\"months\">" + card.months.map { "<span><span class=\"box\"></span>\(escape($0))</span>" }.joined()
                + "</p>\n"
        }
        out += "<h2>签名</h2>\n<table class=\"signatures\">\n<tr>"
            + card.signatures.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n<tr>"
            + card.signatures.map { _ in "<td>日期：</td>" }.joined() + "</tr>\n</table>\n"
        out += "<p class=\"notice\">\(escape(PairingCards.notice))</p>\n"
        out += "</section>\n"
        return out
    }

    /// Text safe in HTML content and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
