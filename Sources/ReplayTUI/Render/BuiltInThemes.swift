/// The themes in Themes/*.json, built in so that the binary needs no files beside it.
/// A test checks that these stay identical to the files.
enum BuiltInThemes {
    static let names = ["dark", "light", "mono"]

    static let documents: [String: String] = [
        "dark": #"""
            {
              "name": "dark",
              "colors": {
                "background": "#16181d",
                "text": "#d4d8e0",
                "dim": "#7c8494",
                "accent": "#6cb6ff",
                "crash": "#ff5c6a",
                "error": "#f0a040",
                "added": "#7ad17a",
                "removed": "#ff8a80",
                "changed": "#e5c07b",
                "playhead": "#ffffff",
                "breakpoint": "#c678dd",
                "selection": "#2c3545",
                "header": "#22262e",
                "border": "#3a4150",
                "match": "#ffe066",
                "critical": "#4dd8c8"
              }
            }
            """#,
        "light": #"""
            {
              "name": "light",
              "colors": {
                "background": "#fbfbf8",
                "text": "#24292f",
                "dim": "#6e7781",
                "accent": "#0550ae",
                "crash": "#cf222e",
                "error": "#bc4c00",
                "added": "#116329",
                "removed": "#a40e26",
                "changed": "#7d4e00",
                "playhead": "#000000",
                "breakpoint": "#8250df",
                "selection": "#dde7f5",
                "header": "#eceee9",
                "border": "#c8ccd0",
                "match": "#9a6700",
                "critical": "#00796b"
              }
            }
            """#,
        "mono": #"""
            {
              "name": "mono",
              "colors": {}
            }
            """#,
    ]
}
