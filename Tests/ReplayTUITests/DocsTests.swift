import Foundation
import Testing
@testable import ReplayTUI

/// The documentation and bundled files say what the code does.
@Suite struct DocsTests {
    @Test func keysPageListsEveryBinding() throws {
        let page = try String(contentsOf: Golden.repository.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        for binding in KeyMap.bindings {
            #expect(page.contains("| `\(binding.label)` | \(binding.help) |"), "docs/keys.md lacks \(binding.label)")
        }
    }

    @Test(arguments: BuiltInThemes.names)
    func builtInThemesMatchTheThemesFolder(_ name: String) throws {
        let file = try String(contentsOf: Golden.repository.appendingPathComponent("Themes/\(name).json"), encoding: .utf8)
        #expect(file.trimmingCharacters(in: .newlines) == BuiltInThemes.documents[name])
        let theme = try Theme.named(name)
        #expect(theme.name == name)
        #expect(theme.isMonochrome == (name == "mono"))
    }
}
