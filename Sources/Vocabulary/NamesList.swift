extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// Every name, for messages: "relu, tanh or identity".
    public static var namesList: String {
        let names = allCases.map(\.rawValue)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
