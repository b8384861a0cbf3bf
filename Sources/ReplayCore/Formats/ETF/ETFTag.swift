/// The tag bytes of the External Term Format, named as in Erlang's `external.h`
/// (https://www.erlang.org/doc/apps/erts/erl_ext_dist.html).
enum ETFTag {
    static let newFloat: UInt8 = 70
    static let bitBinary: UInt8 = 77
    static let compressed: UInt8 = 80
    static let atomCacheRef: UInt8 = 82
    static let newPid: UInt8 = 88
    static let newPort: UInt8 = 89
    static let newerReference: UInt8 = 90
    static let smallInteger: UInt8 = 97
    static let integer: UInt8 = 98
    static let float: UInt8 = 99
    static let atom: UInt8 = 100
    static let reference: UInt8 = 101
    static let port: UInt8 = 102
    static let pid: UInt8 = 103
    static let smallTuple: UInt8 = 104
    static let largeTuple: UInt8 = 105
    static let `nil`: UInt8 = 106
    static let string: UInt8 = 107
    static let list: UInt8 = 108
    static let binary: UInt8 = 109
    static let smallBig: UInt8 = 110
    static let largeBig: UInt8 = 111
    static let newFun: UInt8 = 112
    static let export: UInt8 = 113
    static let newReference: UInt8 = 114
    static let smallAtom: UInt8 = 115
    static let map: UInt8 = 116
    static let fun: UInt8 = 117
    static let atomUTF8: UInt8 = 118
    static let smallAtomUTF8: UInt8 = 119
    static let v4Port: UInt8 = 120
    static let local: UInt8 = 121
}
