#pragma once
// A domain header that reaches up into service/: cmake/check_layers.cmake must refuse it
// (the `layers_refuse_domain_including_service` test).
#include "service/outcomes.hpp"
