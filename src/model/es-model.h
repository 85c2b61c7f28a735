/* es-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "es-address.h"
#include "es-customer.h"
#include "es-discount.h"
#include "es-external-ids.h"
#include "es-fee-line.h"
#include "es-line-item.h"
#include "es-model-enums.h"
#include "es-order.h"
#include "es-product.h"
#include "es-shipping-line.h"
#include "es-tax-line.h"

G_BEGIN_DECLS

/**
 * ES_MODEL_SCHEMA_VERSION:
 * The `schema_version` this build writes and the only one it reads (docs/model.md).
 */
#define ES_MODEL_SCHEMA_VERSION 1

G_END_DECLS
