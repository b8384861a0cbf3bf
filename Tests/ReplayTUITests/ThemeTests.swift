import Testing
@testable import ReplayCore
@testable import ReplayTUI

@Suite struct ThemeTests {
    @Test func colourThemesGiveEveryRole() throws {
        for name in ["dark", "light"] {
            let theme = try Theme.named(name)
            #expect(Role.allCases.allSatisfy { theme.colors[$0] != nil })
        }
    }

    @Test(arguments: [
        (#"{"colors": {}}"#, "needs a \"name\""),
        (#"{"name": "x"}"#, "needs a \"colors\" object"),
        (##"{"name": "x", "colors": {"text": "#fff"}}"##, "must be a colour"),
        (##"{"name": "x", "colors": {"glow": "#ffffff"}}"##, "unknown role \"glow\""),
        (##"{"name": "x", "colors": {"text": "#ffffff"}}"##, "missing colours for"),
    ])
    func rejectsBadThemes(_ text: String, _ fragment: String) throws {
        do {
            _ = try Theme(json: JSONValue(parsing: text))
            Issue.record("accepted \(text)")
        } catch let error as ThemeError {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func unknownNamesAndMissingFilesSaySo() {
        #expect(throws: ThemeError.self) { try Theme.named("/no/such/theme.json") }
    }

    @Test func coloursMapOntoTheXtermPalette() {
        #expect(RGB(hex: "#000000")!.xterm256 == 16)
        #expect(RGB(hex: "#ffffff")!.xterm256 == 231)
        #expect(RGB(hex: "#ff0000")!.xterm256 == 196)
        #expect(RGB(hex: "#808080")!.xterm256 == 244)
        #expect(RGB(hex: "#1e90ff")!.hex == "#1e90ff")
        #expect(RGB(hex: "1e90ff") == nil)
    }

    @Test func monochromeUsesAttributes() throws {
        let mono = try Theme.named("mono")
        #expect(mono.attributes(for: Style(.crash, bold: true)).reverse)
        #expect(mono.attributes(for: Style(.error)).bold)
        #expect(mono.attributes(for: Style(.dim)).dim)
        #expect(mono.attributes(for: Style(background: .selection)).reverse)
        let dark = try Theme.named("dark")
        #expect(!dark.attributes(for: Style(.error)).bold)
    }
}

@Suite struct RendererTests {
    let canvas = view(Fixture.model().pressing(.character("c")))

    @Test func ansiCarriesTheThemeColours() throws {
        let dark = try Theme.named("dark")
        let text = ANSIRenderer.render(canvas, theme: dark)
        #expect(text.contains("\u{1B}[0;1;38;2;255;92;106;48;2;34;38;46m ✖ CRASH at #3"))
        #expect(text.split(separator: "\n").count == 40)
        let mono = ANSIRenderer.render(canvas, theme: try Theme.named("mono"))
        #expect(!mono.contains("38;2;"))
        #expect(mono.contains("\u{1B}[0;1;7m ✖ CRASH at #3"))
    }

    @Test func svgIsOneTextRunPerStyleOnTheGrid() throws {
        let svg = SVGRenderer.render(canvas, theme: try Theme.named("dark"))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1008\" height=\"720\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("fill=\"#16181d\""))
        #expect(svg.contains("> ✖ CRASH at #3: bad argument</text>"))
        #expect(!svg.contains("<text>"))
    }

    @Test func svgEscapesMarkup() throws {
        var canvas = Canvas(width: 10, height: 1)
        canvas.put("<a&b>\"", x: 0, y: 0)
        #expect(SVGRenderer.render(canvas, theme: try Theme.named("mono")).contains(">&lt;a&amp;b&gt;&quot;</text>"))
    }
}
