// Placeholder so the archive library has a translation unit until the store lands.
namespace chaperone::archive {}
