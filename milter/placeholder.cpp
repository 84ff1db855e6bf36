// Placeholder until the milter session code lands.
namespace chaperone::milter {}
